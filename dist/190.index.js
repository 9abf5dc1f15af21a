export const id = 190;
export const ids = [190];
export const modules = {

/***/ 7020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ recorded),
/* harmony export */   y: () => (/* binding */ canaryCommit)
/* harmony export */ });
/* harmony import */ var _core_report_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8557);
/* harmony import */ var _core_run_state_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8298);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(468);



/**
 * Runs a command's steps, then writes what they drove (the stage as left, the
 * canary driven, a create in doubt) into the report, whether they succeeded or
 * threw: the steps keep it in the run state, the command records it.
 */
async function recorded(ctx, steps) {
    try {
        await steps();
    }
    finally {
        (0,_core_run_state_js__WEBPACK_IMPORTED_MODULE_1__/* .recordRun */ .v)(ctx.report, ctx.run);
    }
}
/** Reads the canary deployment's description and records it (and its commit) in the report. */
async function canaryCommit(ctx, deploymentId) {
    const description = await (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .loadCanaryCommit */ .GE)(ctx, deploymentId);
    (0,_core_report_js__WEBPACK_IMPORTED_MODULE_0__/* .noteCanary */ .d)(ctx.report, description);
    return description;
}


/***/ }),

/***/ 8190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   status: () => (/* binding */ status)
/* harmony export */ });
/* harmony import */ var _recorded_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7020);
/* harmony import */ var _analysis_step_metrics_report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6042);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(468);
/* harmony import */ var _steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4848);




/**
 * Read-only: the stage, the canary (and the commit it carries), the alarms,
 * and the canary's metrics beside the stable side's. After GetStage the other
 * reads do not depend on each other, so they go out together.
 */
async function status(ctx) {
    await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_0__/* .recorded */ .t)(ctx, () => statusSteps(ctx));
}
async function statusSteps(ctx) {
    const { log, report } = ctx;
    const state = await log.group('Read stage', () => (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .loadStage */ .xk)(ctx));
    const [, verdict, metrics] = await Promise.all([
        state.canary ? (0,_recorded_js__WEBPACK_IMPORTED_MODULE_0__/* .canaryCommit */ .y)(ctx, state.canary.deploymentId) : undefined,
        (0,_steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_3__/* .readGate */ .cw)(ctx, false),
        (0,_analysis_step_metrics_report_js__WEBPACK_IMPORTED_MODULE_1__/* .compareStageMetrics */ .Xk)(ctx)
    ]);
    if (metrics)
        report.metrics = metrics;
    if (state.canary) {
        log.info(`Canary ${state.canary.deploymentId} was deployed from ${report.canaryDescription ? `"${report.canaryDescription}"` : 'a deployment with no description'}.`);
    }
    if (verdict) {
        await log.group('Alarms', async () => {
            for (const a of ctx.run.alarms ?? [])
                log.info(`${a.name}: ${a.state}${a.reason ? ` (${a.reason})` : ''}`);
            log.info(`Worst state: ${verdict.worst}`);
        });
    }
}


/***/ }),

/***/ 468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GE: () => (/* binding */ loadCanaryCommit),
/* harmony export */   MH: () => (/* binding */ requireCanary),
/* harmony export */   Wi: () => (/* binding */ describeCanary),
/* harmony export */   kZ: () => (/* binding */ requireOwnCanary),
/* harmony export */   xk: () => (/* binding */ loadStage)
/* harmony export */ });
/* harmony import */ var _core_description_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2817);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);



/** GetStage; the first read of the run is the report's `before`, and is logged. */
async function loadStage(ctx) {
    const state = await ctx.api.getStage();
    if (ctx.run.before === undefined) {
        ctx.run.before = state;
        const c = state.canary;
        ctx.log.info(`Stage ${ctx.cfg.stage} of ${ctx.cfg.restApiId}: stable deployment ${state.stableDeploymentId}, ` +
            (c
                ? `canary ${c.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .pct */ .Oe)(c.percent)}`
                : state.leftover
                    ? 'no canary (settings left by a promotion)'
                    : 'no canary'));
    }
    ctx.run.stage = state;
    return state;
}
/** The stage's canary, or a StateError that says what to do instead. */
function requireCanary(ctx, state) {
    if (!state.canary) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StateError */ .qq(state.leftover
            ? `Stage '${ctx.cfg.stage}' has no canary, only the settings an unfinished promotion left behind: run promote to finish it, or deploy a new canary.`
            : `Stage '${ctx.cfg.stage}' has no canary: run deploy first.`);
    }
    return state.canary;
}
/** Reads the canary deployment's description (which records its commit). */
async function loadCanaryCommit(ctx, deploymentId) {
    return ctx.api.deploymentDescription(deploymentId);
}
/**
 * Before raising or promoting: the canary must be this release's (deployed
 * from the workflow's commit, or the expected-canary-deployment-id), judged
 * from its deployment's `description` (loadCanaryCommit); refuses with a ConflictError that names whose
 * it is and what to do.
 */
function requireOwnCanary(ctx, canary, description) {
    const problem = (0,_core_description_js__WEBPACK_IMPORTED_MODULE_0__/* .ownershipProblem */ .l2)(canary.deploymentId, description, ctx.provenance, ctx.cfg.expectedCanaryId);
    if (problem)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConflictError */ .fK(`${ctx.cfg.command} refused: ${problem}`);
}
/** 'deployment X (commit owner/repo@abc)': whose a canary is, for a conflict message. */
async function describeCanary(ctx, deploymentId) {
    try {
        const c = (0,_core_description_js__WEBPACK_IMPORTED_MODULE_0__/* .commitOf */ .D3)(await ctx.api.deploymentDescription(deploymentId));
        return `deployment ${deploymentId} (${c ? `commit ${(0,_core_description_js__WEBPACK_IMPORTED_MODULE_0__/* .shortCommit */ .Ax)(c)}` : 'no commit recorded'})`;
    }
    catch {
        return `deployment ${deploymentId}`;
    }
}


/***/ })

};
