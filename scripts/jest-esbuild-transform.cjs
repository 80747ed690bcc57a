// Jest transform: TypeScript → CommonJS with esbuild, transpile only (types: `npm run typecheck`).
// Also ES-module-only packages from node_modules (jose), which Jest 29 cannot load as they are.
// esbuild rather than swc: its binary is the one already used for the build, and one fewer
// native package to install.
const { createHash } = require("node:crypto");
const { transformSync, version } = require("esbuild");

module.exports = {
  process(source, filename) {
    // The project's own ES-module scripts (scripts/terraform/*.mjs) read import.meta.url.
    const esm = filename.endsWith(".mjs") && !filename.includes("/node_modules/");
    const { code, map } = transformSync(source, {
      loader: filename.endsWith(".ts") ? "ts" : "js",
      format: "cjs",
      target: "node20",
      sourcemap: "both",
      sourcefile: filename,
      ...(esm ? { define: { "import.meta.url": "__importMetaUrl" }, banner: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' } : {}),
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash("sha1").update(version).update(filename).update("\0").update(source).digest("hex");
  },
};
