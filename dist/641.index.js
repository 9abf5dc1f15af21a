export const id = 641;
export const ids = [641];
export const modules = {

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


/***/ })

};
