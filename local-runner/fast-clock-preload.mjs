// Test-only, loaded with NODE_OPTIONS=--import into the spawned action by
// fast-clock.ts: time runs FAST_CLOCK_FACTOR times faster from
// FAST_CLOCK_ORIGIN (epoch ms). Date.now() runs fast and setTimeout waits
// shrink by the same factor, so a 7-minute bake takes 7 seconds while the
// action's own code (the bake loop, the metric windows) runs unchanged.
const origin = Number(process.env.FAST_CLOCK_ORIGIN)
const factor = Number(process.env.FAST_CLOCK_FACTOR)
if (origin > 0 && factor > 1) {
  const realNow = Date.now.bind(Date)
  Date.now = () => origin + (realNow() - origin) * factor
  const realSetTimeout = globalThis.setTimeout
  const fast = function (fn, ms, ...args) {
    return realSetTimeout(fn, typeof ms === 'number' && ms > 0 ? ms / factor : ms, ...args)
  }
  Object.defineProperties(fast, Object.getOwnPropertyDescriptors(realSetTimeout))
  globalThis.setTimeout = fast
}
