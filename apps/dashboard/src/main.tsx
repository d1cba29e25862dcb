import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiKeyStore } from './api/api-key.store.js';
import { App } from './app/app.js';
import './styles.css';

apiKeyStore.adoptFromLocation();
const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
