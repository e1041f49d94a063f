import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { boot } from './state/app';
import { App } from './ui/App';
import { registerGridModules } from './ui/grid-modules';
import { ErrorBoundary, isSafeStart } from './ui/shell/Recovery';
import './ui/styles.css';

registerGridModules();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
void boot({ safe: isSafeStart(location.search) });
