#!/usr/bin/python3
"""Makes the import fixtures in test/fixtures/io/ with OTHER tools than Kodbok's own code.

The point of these files is that they were written the way the municipalities' files are
written: by Python's csv module (as scripts and case-management exports do), by a
spreadsheet program (LibreOffice Calc, saving as Excel 2007+ and Excel 97), by hand
(broken files), and by a hostile script (the zip bomb). Kodbok must read each of them
exactly, or refuse it with the row.

Run:  /usr/bin/python3 scripts/make-fixtures.py
Needs: Python 3 (csv, zipfile), LibreOffice Calc (`apt-get install -y libreoffice-calc-nogui`)
and its Python bridge (`python3-uno`, which Debian installs with it for /usr/bin/python3).
The fixtures are committed; rerun only to change them (LibreOffice output is not byte-stable).
"""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "io")

# The Swedish rows every encoding fixture carries: å ä ö Å Ä Ö, a multi-value cell, a
# protected dash value (`Missbruk BoU – Barnet/den unge` is ONE reason).
SWEDISH = [
    ["kommun", "orsak", "antal"],
    ["Gävle", "Missbruk förälder", "12"],
    ["Åre", "Missbruk BoU – Barnet/den unge; Skolproblem", "3"],
    ["Örebro", "ÅÄÖ åäö: Bristande omsorg", "1"],
]


def path(name):
    return os.path.join(OUT, name)


def write_csv(name, rows, encoding, delimiter, bom=""):
    # newline="" lets the csv module write its own "\r\n" line ends, as on Windows.
    with open(path(name), "w", encoding=encoding, newline="") as f:
        if bom:
            f.write(bom)
        csv.writer(f, delimiter=delimiter).writerows(rows)


def write_bytes(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def csv_fixtures():
    # Excel on a Swedish Windows: Windows-1252 and `;`. The multi-value cell holds a `;`,
    # so the csv module quotes it: the `"a;b"` case in a real file.
    write_csv("cp1252-semicolon.csv", SWEDISH, "cp1252", ";")
    # Excel's "CSV UTF-8": a BOM, and `,` (English locale).
    write_csv("utf8-bom-comma.csv", SWEDISH, "utf-8", ",", bom="\ufeff")
    # Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
    write_csv("utf16le-tab.txt", SWEDISH, "utf-16-le", "\t", bom="\ufeff")
    # A quoted delimiter, a doubled quote and a line break inside a quoted cell, in a `;` file.
    write_csv(
        "quoted-semicolon.csv",
        [["id", "värde"], ["1", "a;b"], ["2", 'säger "hej"'], ["3", "rad ett\nrad två"], ["4", "c"]],
        "utf-8",
        ";",
    )
    # Duplicate and empty headers: must be reported, never renamed silently.
    write_csv(
        "duplicate-headers.csv",
        [["id", "orsak", "orsak", "", "kommun"], ["1", "a", "b", "c", "Gävle"], ["2", "d", "e", "f", "Åre"]],
        "utf-8",
        ",",
    )
    # Ragged rows (the csv module writes whatever length it is given): rows 3 and 5.
    write_csv(
        "ragged.csv",
        [["id", "orsak", "kommun"], ["1", "a", "Gävle"], ["2", "b"], ["3", "c", "Åre"], ["4", "d", "Umeå", "extra"]],
        "utf-8",
        ",",
    )
    # Values that a careless reader changes: number-like text, spaces, prototype keys,
    # formula triggers; and the same words as headers.
    write_csv(
        "exact-values.csv",
        [
            ["id", "__proto__", "constructor", "text"],
            ["007", "__proto__", "constructor", "  x  "],
            ["1e5", "toString", "hasOwnProperty", "=1+1"],
            ["-5", "0x10", "1,5", "@x"],
        ],
        "utf-8",
        ",",
    )
    # Both `;` and `,` split every line into the same number of cells: the user must choose.
    write_csv("ambiguous.csv", [["kod;namn,kort"], ["B11;Missbruk,M"], ["H01;Omsorg,O"]], "utf-8", "\t")
    # Hand-made: an unterminated quote on row 3 swallows the rest of the file.
    write_bytes("unterminated-quote.csv", b'id;namn\r\n1;Anna\r\n2;"Bertil\r\n3;Cesar\r\n4;David\r\n')
    # Hand-made: a short `;` file on which Papa Parse's own delimiter guess picks `,`.
    write_bytes("short-semicolon.csv", "kön;ålder, år\r\nF;12\r\n".encode("cp1252"))


def lo_csv_source(tmp):
    """The CSV LibreOffice imports: column 1 (id) as text so `007` stays `007`."""
    src = os.path.join(tmp, "workbook.csv")
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(
            [
                ["id", "kommun", "orsak", "antal"],
                ["007", "Gävle", "Missbruk förälder", "12"],
                ["1e5", "Åre", "Missbruk BoU – Barnet/den unge; Skolproblem", "3"],
                ["  x  ", "__proto__", "constructor", "0.5"],
            ]
        )
    return src


def uno_workbooks(src):
    """Drives LibreOffice over UNO: a two-sheet workbook saved as .xlsx, .xls and a
    password-protected .xlsx (soffice --convert-to cannot set a password)."""
    import uno  # noqa: deferred, only /usr/bin/python3 has it
    from com.sun.star.beans import NamedValue, PropertyValue

    def props(**kw):
        out = []
        for k, v in kw.items():
            p = PropertyValue()
            p.Name, p.Value = k, v
            out.append(p)
        return tuple(out)

    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = "kodbok_fixtures_%d" % os.getpid()
    proc = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--norestore",
            "-env:UserInstallation=file://" + profile,
            "--accept=pipe,name=%s;urp;" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ctx = uno.getComponentContext()
        resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
        for _ in range(100):
            try:
                remote = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.2)
        else:
            raise RuntimeError("LibreOffice did not start")
        desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        # CSV import filter: `;` (59), `"` (34), UTF-8 (76), from line 1, column 1 as Text (2).
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(src),
            "_blank",
            0,
            props(FilterName="Text - txt - csv (StarCalc)", FilterOptions="59,34,76,1,1/2", Hidden=True),
        )
        doc.Sheets.getByIndex(0).Name = "Orsaker"
        doc.Sheets.insertNewByName("Blad2", 1)
        second = doc.Sheets.getByName("Blad2")
        second.getCellByPosition(0, 0).String = "åtgärd"
        second.getCellByPosition(0, 1).String = "Utredning inleds ej"
        doc.storeToURL(uno.systemPathToFileUrl(path("libreoffice.xlsx")), props(FilterName="Calc MS Excel 2007 XML"))
        doc.storeToURL(uno.systemPathToFileUrl(path("libreoffice.xls")), props(FilterName="MS Excel 97"))
        # Excel 97 takes a plain Password; OOXML needs the EncryptionData the save dialog
        # builds (sfx2 filedlghelper: OOXPassword + CryptoType), passed as a typed Any.
        doc.storeToURL(
            uno.systemPathToFileUrl(path("password.xls")), props(FilterName="MS Excel 97", Password="hemlig")
        )
        encryption = uno.Any(
            "[]com.sun.star.beans.NamedValue",
            (NamedValue("OOXPassword", "hemlig"), NamedValue("CryptoType", "Standard")),
        )
        args = props(FilterName="Calc MS Excel 2007 XML") + (PropertyValue("EncryptionData", 0, encryption, 0),)
        uno.invoke(
            doc,
            "storeToURL",
            (uno.systemPathToFileUrl(path("password.xlsx")), uno.Any("[]com.sun.star.beans.PropertyValue", args)),
        )
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


def corrupt_xlsx():
    # A download cut short: the first 60 % of a good workbook (no zip central directory).
    with open(path("libreoffice.xlsx"), "rb") as f:
        data = f.read()
    write_bytes("truncated.xlsx", data[: len(data) * 6 // 10])


def zip_bomb():
    """A valid-looking workbook whose one sheet inflates to 300 MB from a few hundred KB:
    every row is followed by 1 MB of spaces (legal XML whitespace), which deflate shrinks ~1000:1."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path("zip-bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            spaces = b" " * (1024 * 1024)
            for r in range(1, 301):
                f.write(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r))
                f.write(spaces)
            f.write(b"</sheetData></worksheet>")


def main():
    os.makedirs(OUT, exist_ok=True)
    csv_fixtures()
    with tempfile.TemporaryDirectory() as tmp:
        uno_workbooks(lo_csv_source(tmp))
    corrupt_xlsx()
    zip_bomb()
    for name in sorted(os.listdir(OUT)):
        print("%8d  %s" % (os.path.getsize(path(name)), name))


if __name__ == "__main__":
    sys.exit(main())
