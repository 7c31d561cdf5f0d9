import './jitlessZod';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { followPersonalPreferences } from './auth/personalPreferences';
import { captureTokenFromUrl } from './auth/viewToken';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import './styles/theme.css';
import './styles/forms.css';
import './styles/latinPunctuation.css';

// Before the router exists, so it never sees, or keeps in its history, the address with the token.
captureTokenFromUrl();

const i18n = createAppI18n();
const app = createApp(App).use(createPinia()).use(i18n).use(createAppRouter());
followPersonalPreferences(i18n.global.locale);
app.mount('#app');
