// Builds the task pane: src/taskpane/index.tsx → build/taskpane.html + scripts.
//   npm run build                       production bundle in build/ (ADDIN_URL=https://… rewrites build/manifest.xml)
//   npm run dev-server                  https://localhost:3000/taskpane.html (office-addin-dev-certs); HTTP=1 for plain http
'use strict';

const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000';
const PORT = 3000;
/** manifest.xml is the development add-in's; the production build gives it the production add-in's Id. */
const DEV_ID = 'eb7e0959-4242-438e-802d-1c738515cc19';
const PRODUCTION_ID = '3b689f21-4e6f-48a5-b87a-2a51ed1f0dfc';

/** The manifest a build serves: the production Id and origin in production, the development ones otherwise. */
function manifestFor(xml, { url, production }) {
  const withUrl = xml.split(DEV_URL).join(url);
  return production ? withUrl.split(`<Id>${DEV_ID}</Id>`).join(`<Id>${PRODUCTION_ID}</Id>`) : withUrl;
}

/** The URL the add-in is served from in production, without a trailing slash. */
function addinUrl() {
  const url = (process.env.ADDIN_URL || DEV_URL).trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^\s/]+(\/\S*)?$/.test(url)) {
    throw new Error(
      `ADDIN_URL must be an https:// address (Office only loads add-ins over https), not "${process.env.ADDIN_URL}"`,
    );
  }
  return url;
}

/** https with the Office dev certificates (trusted by Excel), or plain http when HTTP=1 (browser tests, quick looks). */
async function devServerTransport() {
  if (process.env.HTTP === '1') return { type: 'http' };
  try {
    const devCerts = require('office-addin-dev-certs');
    return { type: 'https', options: await devCerts.getHttpsServerOptions() };
  } catch (e) {
    console.warn(
      `office-addin-dev-certs could not provide a trusted certificate (${String((e && e.message) || e).split('\n')[0]}).\n` +
        'Serving https with a self-signed certificate instead: a browser will warn, and Excel will not load the add-in.\n' +
        'Run `npx office-addin-dev-certs install` to trust the dev certificate, or HTTP=1 for plain http.',
    );
    return { type: 'https' };
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || env.mode || 'production';
  const production = mode === 'production';
  const serving = Boolean(process.env.WEBPACK_SERVE);
  const outDir = path.resolve(__dirname, env.outDir || 'build');
  const url = addinUrl();

  return {
    mode,
    context: __dirname,
    target: 'web',
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: {
      path: outDir,
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: '',
      clean: true,
    },
    // Rebuilds reuse what did not change (node_modules/.cache/webpack); the config file itself invalidates the cache.
    cache: { type: 'filesystem', name: `taskpane-${mode}`, buildDependencies: { config: [__filename] } },
    // Never an eval-based devtool: the page's Content-Security-Policy forbids eval.
    devtool: 'source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          // Type checking is `npx tsc -p tsconfig.web.json` (run by `npm run build`) and the root typecheck.
          options: { configFile: path.resolve(__dirname, 'tsconfig.web.json'), transpileOnly: true },
        },
      ],
    },
    optimization: {
      // taskpane.html stays as written: office.js's <script> tag exactly as Office documents it.
      minimizeOptions: { html: false },
    },
    plugins: [
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
        inject: 'body',
        scriptLoading: 'defer',
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets', noErrorOnMissing: true },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            noErrorOnMissing: true,
            transform: (content) => manifestFor(content.toString('utf8'), { url, production }),
          },
        ],
      }),
    ],
    // Warns when the first load (the entry, ~560 KB minified, ~170 KB gzipped) grows well past today's size.
    performance: production ? { hints: 'warning', maxEntrypointSize: 700_000, maxAssetSize: 1_000_000 } : false,
    devServer: serving
      ? {
          port: PORT,
          server: await devServerTransport(),
          headers: { 'Access-Control-Allow-Origin': '*' },
          // Everything, assets and manifest.xml included, is served from the compilation (CopyWebpackPlugin).
          static: false,
          client: { overlay: { warnings: false } },
          hot: false,
          liveReload: true,
        }
      : undefined,
  };
};

module.exports.manifestFor = manifestFor;
module.exports.DEV_ID = DEV_ID;
module.exports.PRODUCTION_ID = PRODUCTION_ID;
