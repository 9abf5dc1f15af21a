export const id = 804;
export const ids = [804];
export const modules = {

/***/ 8804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TRIAGE_BUDGET_MS: () => (/* binding */ TRIAGE_BUDGET_MS),
/* harmony export */   runTriage: () => (/* binding */ runTriage)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _decide_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1422);


/** Every triage read together gets this long; a query still running then is stopped. */
const TRIAGE_BUDGET_MS = 10_000;
/**
 * After a rollback, once traffic is back on the stable deployment: what the
 * canary answered during the bake (docs/triage.md), into the report (summary
 * and `report` output) and one log line. Never throws, never changes the
 * step's result; not after a cancel (the runner's grace is for the rollback).
 */
async function runTriage(ctx) {
    const { report, cfg, log } = ctx;
    const read = ctx.readTriage;
    if (!read || !cfg.triageEnabled || report.dryRun || report.outcome !== 'rolled-back')
        return;
    if (ctx.signal.aborted)
        return;
    const firstBake = report.timeline.find((e) => e.event === 'bake-start')?.time;
    const deadline = AbortSignal.any([AbortSignal.timeout(TRIAGE_BUDGET_MS), ctx.signal]);
    try {
        report.triage = await read({
            restApiId: cfg.restApiId,
            stage: cfg.stage,
            window: (0,_decide_js__WEBPACK_IMPORTED_MODULE_1__/* .triageWindow */ .VE)(firstBake, ctx.clock.now()),
            ...(report.analysis ? { apiName: report.analysis.apiName } : {})
        }, deadline);
        log.info((0,_decide_js__WEBPACK_IMPORTED_MODULE_1__/* .triageLine */ .H4)(report.triage));
    }
    catch (err) {
        log.info(`Triage of the canary: not done (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)}).`);
    }
}


/***/ })

};
