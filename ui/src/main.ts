import { mount } from 'svelte';
import App from './App.svelte';
// Inter is bundled (OFL, ui/public/licenses/Inter-OFL.txt) so the app looks the same
// whatever fonts the system has; served from the app itself (CSP font-src 'self').
import '@fontsource-variable/inter/wght.css';
import './app.css';

const app = mount(App, { target: document.getElementById('app')! });

export default app;
