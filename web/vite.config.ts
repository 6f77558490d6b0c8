import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const contracts = fileURLToPath(new URL('../contracts', import.meta.url));
// A second server on another port (e.g. beside a running one) is reached with PATRON_API_URL.
const apiTarget = process.env.PATRON_API_URL ?? 'http://127.0.0.1:3000';

// Vendor groups: React and the router change rarely, antd is large but shared by every page,
// echarts is only needed by the pages that draw charts and so must stay out of the entry chunk.
const vendorGroups = [
  { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 40 },
  { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 30 },
  {
    name: 'vendor-antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@babel[\\/]runtime|dayjs|@emotion|stylis|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|classnames|clsx)[\\/]/,
    priority: 20,
  },
  { name: 'vendor-data', test: /node_modules[\\/](@tanstack|i18next|react-i18next|zod|html-parse-stringify|void-elements)[\\/]/, priority: 10 },
];

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: { '@contracts': contracts },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      // SSE needs the proxy not to buffer; http-proxy streams by default.
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
      '/readyz': { target: apiTarget },
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});
