export const id = 126;
export const ids = [126];
export const modules = {

/***/ 6126:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runTriage: () => (/* binding */ runTriage),
  triageAfterCancel: () => (/* binding */ triageAfterCancel)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/triage/decide.ts
var decide = __webpack_require__(1422);
;// CONCATENATED MODULE: ./src/triage/budget.ts
/**
 * Pure: how long triage may take (docs/triage.md#time-budget). After an alarm,
 * the judge or the `rollback` command nothing is racing it: 10 s of reads,
 * then a second for StopQuery. After the runner's cancel (SIGINT, SIGTERM
 * 7.5 s later, the kill 2.5 s after that) it gets only what the rollback and
 * the outputs left of the grace, and is over 5 s after SIGINT.
 */
/** Every triage read together gets this long after an alarm, the judge or the rollback command. */
const TRIAGE_BUDGET_MS = 10_000;
/** Then a query still running is stopped (Logs Insights bills per GB scanned), waiting this long at most. */
const STOP_QUERY_MS = 1_000;
/** After a cancel, triage is over (StopQuery included) this long after SIGINT: 2.5 s before SIGTERM. */
const CANCEL_TRIAGE_END_MS = 5_000;
/** Of which StopQuery gets the last part. */
const CANCEL_STOP_QUERY_MS = 500;
/** With less than this left for the reads, triage after a cancel is skipped (a query needs a few polls). */
const MIN_CANCEL_READS_MS = 1_000;
/** After an alarm, the judge or the rollback command. */
const ROLLBACK_TRIAGE = {
    readMs: TRIAGE_BUDGET_MS,
    stopQueryMs: STOP_QUERY_MS
};
const seconds = (ms) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
/**
 * Pure: triage's budget after the runner's cancel, `sinceSignalMs` after the
 * signal that cancelled the run, once the rollback has returned and the
 * outputs are written. A first signal other than SIGINT may be the last
 * warning before the kill: no triage then.
 */
function cancelTriageBudget(signal, sinceSignalMs) {
    if (signal !== 'SIGINT')
        return {
            skip: `the cancel came as ${signal ?? 'an unknown signal'}, not SIGINT, and the runner kills 2.5 s after SIGTERM`
        };
    const readMs = Math.round(CANCEL_TRIAGE_END_MS - CANCEL_STOP_QUERY_MS - sinceSignalMs);
    if (readMs < MIN_CANCEL_READS_MS)
        return {
            skip: `only ${seconds(readMs)} of the cancel's grace left for it (it ends ${seconds(CANCEL_TRIAGE_END_MS)} after SIGINT)`
        };
    return { readMs, stopQueryMs: CANCEL_STOP_QUERY_MS };
}

;// CONCATENATED MODULE: ./src/triage/step.ts



/** Whether triage is wanted at all: after a rollback that took effect, not in a dry run. */
function wanted(ctx) {
    const { report, cfg } = ctx;
    return (ctx.readTriage !== undefined &&
        cfg.triageEnabled &&
        !report.dryRun &&
        report.outcome === 'rolled-back');
}
/**
 * The reads, until `time.readMs` or `stop`, whichever first; a query still
 * running then is stopped within `time.stopQueryMs`, unless `unless` aborted.
 */
function read(ctx, time, stop, unless) {
    const { report, cfg } = ctx;
    const firstBake = report.timeline.find((e) => e.event === 'bake-start')?.time;
    return ctx.readTriage({
        restApiId: cfg.restApiId,
        stage: cfg.stage,
        window: (0,decide/* triageWindow */.VE)(firstBake, ctx.clock.now()),
        ...(report.analysis ? { apiName: report.analysis.apiName } : {})
    }, AbortSignal.any([AbortSignal.timeout(time.readMs), stop]), { withinMs: time.stopQueryMs, ...(unless ? { unless } : {}) });
}
/**
 * After a rollback, once traffic is back on the stable deployment: what the
 * canary answered during the bake (docs/triage.md), in one log line, and
 * returned for the report (summary and `report` output); undefined when not
 * wanted or not done. Never throws, never changes the step's result. A cancel
 * ends the reads (a query still running is stopped, unless the runner's
 * second signal came too); after a cancel it is triageAfterCancel's, once the
 * outputs are written.
 */
async function runTriage(ctx) {
    if (!wanted(ctx) || ctx.signal.aborted)
        return undefined;
    try {
        const found = await read(ctx, ROLLBACK_TRIAGE, ctx.signal, ctx.terminate);
        ctx.log.info((0,decide/* triageLine */.H4)(found));
        return found;
    }
    catch (err) {
        ctx.log.info(`Triage of the canary: not done (${(0,errors/* errorMessage */.gJ)(err)}).`);
        return undefined;
    }
}
/** Rejects as soon as `signal` aborts. */
const untilAborted = (signal) => new Promise((_, reject) => {
    if (signal.aborted)
        reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
});
/**
 * After the runner's cancel, once the rollback call has returned and the
 * outputs and summary are written: triage in what is left of the grace
 * (budget.ts), over 5 s after SIGINT. The runner's second signal ends it at
 * once, the report as it was. Returns what it found, for the caller to put in
 * the report and write the outputs and summary again; undefined when it found
 * nothing to add. Never throws.
 */
async function triageAfterCancel(ctx) {
    const cancel = ctx.signal.reason;
    if (!wanted(ctx) || !(cancel instanceof errors/* CancelledError */.cc))
        return undefined;
    const { log } = ctx;
    const budget = cancelTriageBudget(cancel.by, performance.now() - cancel.at);
    if ('skip' in budget) {
        log.info(`Triage of the canary: skipped after the cancel (${budget.skip}).`);
        return undefined;
    }
    const stop = ctx.terminate ?? new AbortController().signal;
    try {
        const found = await Promise.race([read(ctx, budget, stop, stop), untilAborted(stop)]);
        log.info((0,decide/* triageLine */.H4)(found));
        return found;
    }
    catch (err) {
        log.info(stop.aborted
            ? `Triage of the canary: stopped (${(0,errors/* errorMessage */.gJ)(stop.reason)}); the outputs and summary stand as written before it.`
            : `Triage of the canary: not done (${(0,errors/* errorMessage */.gJ)(err)}).`);
        return undefined;
    }
}


/***/ })

};
