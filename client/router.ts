import { createRouter, createWebHistory } from 'vue-router';
import NetworkOverview from './views/NetworkOverview.vue';

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', name: 'network-overview', component: NetworkOverview },
      // A mistyped or outdated wall address should still show something live, not an empty screen.
      { path: '/:unknown(.*)*', redirect: { name: 'network-overview' } },
    ],
  });
}
