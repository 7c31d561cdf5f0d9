import './jitlessZod';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { captureTokenFromUrl } from './auth/viewToken';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import './styles/theme.css';
import './styles/forms.css';

// Before the router exists, so it never sees, or keeps in its history, the address with the token.
captureTokenFromUrl();

createApp(App).use(createPinia()).use(createAppI18n()).use(createAppRouter()).mount('#app');
