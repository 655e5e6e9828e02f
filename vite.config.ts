import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'

// The app must open with no network after its first load, so everything is precached and there
// is no network-first route: on a room LAN without internet the browser believes it is online and
// network-first requests would hang until they time out (research/stack.md §4).
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt', // never reload under a running workshop; the user decides
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Medvirk',
        short_name: 'Medvirk',
        description: 'Medvirkning for folkehelse: verksted med ungdomsråd og innbyggere',
        lang: 'nb',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#1f4e5f',
        background_color: '#f7f5f0',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/signal/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    // pdfmake (~970 kB) and its embedded Roboto (~850 kB) are lazy chunks loaded only when a PDF
    // is made; each stays under the service worker's 2 MiB precache limit, so exports work offline.
    chunkSizeWarningLimit: 1000,
  },
})
