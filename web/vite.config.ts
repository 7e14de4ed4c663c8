import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Vendor chunks: each library group gets its own long-cached file. */
const VENDOR_CHUNKS: Array<[name: string, test: RegExp]> = [
  ['react', /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/],
  // Charts (目标监测 map and trends): echarts and its zrender engine.
  ['echarts', /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/],
  ['react-query', /[\\/]node_modules[\\/]@tanstack[\\/]/],
  // Date pickers (基础数据 asOf, audit range, reference edits): their engine and dayjs apart from the rest of antd.
  ['antd-picker', /[\\/]node_modules[\\/](@rc-component[\\/]picker|dayjs)[\\/]/],
  [
    'antd',
    /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs|classnames|clsx|stylis|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|@babel[\\/]runtime)[\\/]/,
  ],
];

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // antd's vendor chunk is ~850 kB minified (~270 kB gzip) on its own; warn only beyond that.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // Rollup's `manualChunks`, in Vite 8 / Rolldown form (`manualChunks` is deprecated there).
        codeSplitting: {
          groups: VENDOR_CHUNKS.map(([name, test], i) => ({ name, test, priority: VENDOR_CHUNKS.length - i })),
        },
      },
    },
  },
  server: {
    // contracts/ lives beside web/, outside the Vite root.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
