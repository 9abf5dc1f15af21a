// Tests must run on the runtime users get: action.yml says node24, and the
// `node` devDependency puts Node 24 first on PATH inside npm scripts.
const major = Number(process.versions.node.split('.')[0])
if (major !== 24) {
  console.error(
    `npm test expects Node 24 (the Actions runtime); this is ${process.version}. Run it through npm so node_modules/.bin/node is used.`
  )
  process.exit(1)
}
