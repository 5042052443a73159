// shared/tsconfig.json maps every platform package (wxt, dexie, hono, drizzle-orm,
// preact, webextension-polyfill, openai) to this file, and it is excluded from the
// project, so it only enters a type-check when something in shared/ imports one of
// them, and then this line fails it. Move the platform code to worker/ or extension/.
const importingAPlatformPackageIsNotAllowedInShared: 'see shared/tsconfig.json' = 'a platform package was imported from shared/';
export default importingAPlatformPackageIsNotAllowedInShared;
