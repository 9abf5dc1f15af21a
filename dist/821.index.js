export const id = 821;
export const ids = [821,641];
export const modules = {

/***/ 5821:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   preflight: () => (/* binding */ preflight)
/* harmony export */ });
/* harmony import */ var _preflight_step_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3641);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(468);


/**
 * Checks that a canary release of the stage will work and be watched
 * (docs/preflight.md): reads only, one line per check, fails on any ❌.
 */
async function preflight(ctx) {
    // The outputs describe the stage as it is; a missing stage is the stage check's ❌.
    await (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_1__/* .loadStage */ .xk)(ctx).catch(() => undefined);
    await (0,_preflight_step_js__WEBPACK_IMPORTED_MODULE_0__.runPreflight)(ctx, 'fail');
}


/***/ }),

/***/ 3641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkLine: () => (/* binding */ checkLine),
/* harmony export */   runPreflight: () => (/* binding */ runPreflight)
/* harmony export */ });
/* harmony import */ var _core_decide_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8019);
/* harmony import */ var _core_ladder_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3567);
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6663);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _github_untrusted_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3209);





/** The ladder and bake the step is about to walk, and the commit it releases. */
function planOf(ctx, f) {
    const { cfg } = ctx;
    const canary = f.current?.canary;
    let rungs = cfg.steps;
    if (cfg.command === 'deploy' && typeof cfg.percent === 'number')
        rungs = [cfg.percent, ...(0,_core_ladder_js__WEBPACK_IMPORTED_MODULE_1__/* .rungsAbove */ .NC)(cfg.steps, cfg.percent)];
    if (cfg.command === 'ramp' && canary && canary.percent > 0) {
        const above = (0,_core_ladder_js__WEBPACK_IMPORTED_MODULE_1__/* .rungsAbove */ .NC)(cfg.steps, canary.percent);
        if (above.length > 0)
            rungs = above;
    }
    // A ramp may drive another commit's canary on purpose (expected-canary-deployment-id).
    const commit = cfg.command === 'ramp' && canary && cfg.expectedCanaryId === canary.deploymentId
        ? canary.commit
        : ctx.provenance.sha;
    const tooLong = cfg.command === 'deploy' ? undefined : (0,_core_decide_js__WEBPACK_IMPORTED_MODULE_0__/* .jobLengthWarning */ .cd)(rungs, cfg.bakeTimeMs);
    return {
        restApiId: cfg.restApiId,
        stage: cfg.stage,
        region: cfg.region,
        domainName: cfg.domainName,
        commit,
        rungs,
        // A deploy without a bake watches nothing in this step: the alarm timing is the ramp's concern.
        bakeTimeMs: cfg.bakeTimeMs > 0 ? cfg.bakeTimeMs : Number.POSITIVE_INFINITY,
        ...(tooLong ? { rampTooLong: tooLong } : {})
    };
}
/** One log line: icon, title, what was found, what to do. */
function checkLine(c) {
    return (0,_github_untrusted_js__WEBPACK_IMPORTED_MODULE_4__/* .logText */ .kc)(`${_checks_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECK_ICON */ .pQ[c.status]} ${c.title}: ${c.found.replace(/\n/g, ' ')}${c.todo ? ` → ${c.todo}` : ''}`);
}
/** Runs preflight; throws GateError (before any change) when a check stops the step. */
async function runPreflight(ctx, mode) {
    const read = ctx.readPreflight;
    if (!read)
        return;
    const { cfg, log } = ctx;
    await log.group('Preflight', async () => {
        const facts = await read({
            restApiId: cfg.restApiId,
            stage: cfg.stage,
            domainName: cfg.domainName,
            hostedZoneId: cfg.hostedZoneId,
            alarmNames: cfg.alarmNames,
            alarmNamePrefix: cfg.alarmNamePrefix,
            canaryMetricsStage: cfg.canaryMetricsStage,
            // deploy creates the canary with these, and the preflight command may be given the ones it
            // will use; otherwise the backend check takes the existing canary's.
            overrides: cfg.command === 'deploy' ||
                (cfg.command === 'preflight' && Object.keys(cfg.stageVariableOverrides).length > 0)
                ? cfg.stageVariableOverrides
                : undefined
        });
        const checks = (0,_checks_js__WEBPACK_IMPORTED_MODULE_2__/* .preflightChecks */ .xq)(facts, planOf(ctx, facts));
        ctx.report.preflightChecks = checks;
        const blocking = (0,_checks_js__WEBPACK_IMPORTED_MODULE_2__/* .blockingChecks */ .td)(checks, mode, facts);
        for (const c of checks) {
            const line = checkLine(c);
            if (blocking.includes(c))
                log.error(line, `Preflight: ${c.title}`);
            else if (c.status === 'warn' || c.status === 'fail')
                log.warning(line, `Preflight: ${c.title}`);
            else
                log.info(line);
        }
        const counts = ['pass', 'warn', 'fail', 'skipped']
            .map((s) => `${checks.filter((c) => c.status === s).length} ${_checks_js__WEBPACK_IMPORTED_MODULE_2__/* .CHECK_ICON */ .pQ[s]}`)
            .join(', ');
        log.info(`Preflight: ${counts}${blocking.length > 0 ? '' : '; nothing stops the step.'}`);
        if (blocking.length > 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GateError */ .ue(`preflight failed (${blocking.map((c) => c.title).join('; ')}): ${blocking
                .map((c) => (c.todo ?? c.found).replace(/\n/g, ' '))
                .join(' ')} Nothing was changed.`);
        }
    });
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
    if (ctx.report.before === undefined) {
        ctx.report.before = state;
        const c = state.canary;
        ctx.log.info(`Stage ${ctx.cfg.stage} of ${ctx.cfg.restApiId}: stable deployment ${state.stableDeploymentId}, ` +
            (c
                ? `canary ${c.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .pct */ .Oe)(c.percent)}`
                : state.leftover
                    ? 'no canary (settings left by a promotion)'
                    : 'no canary'));
    }
    ctx.report.after = state;
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
/** Reads the canary deployment's description and the commit it records, into the report. */
async function loadCanaryCommit(ctx, deploymentId) {
    const description = await ctx.api.deploymentDescription(deploymentId);
    ctx.report.canaryDescription = description;
    ctx.report.canaryCommit = (0,_core_description_js__WEBPACK_IMPORTED_MODULE_0__/* .commitOf */ .D3)(description)?.sha;
    return description;
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
