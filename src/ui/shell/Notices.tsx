import { useNotices } from '../../state/app';

export function Notices() {
  const notices = useNotices((s) => s.notices);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`}>
          {n.text}
        </div>
      ))}
    </div>
  );
}
