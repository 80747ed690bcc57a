// cdktf loads `archiver` (and ~250 files of lodash, readable-stream, ...) at startup, only for
// AssetType.ARCHIVE. This app uses FILE assets and zips with the archive provider, so the bundle
// replaces it with this stub: about 0.15 s less per synth.
module.exports = function archiver() {
  throw new Error("archiver is not bundled (scripts/build.mjs): use AssetType.FILE or DIRECTORY assets");
};
