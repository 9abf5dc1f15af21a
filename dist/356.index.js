export const id = 356;
export const ids = [356];
export const modules = {

/***/ 1356:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollback: () => (/* binding */ rollback)
/* harmony export */ });
/* harmony import */ var _core_decide_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8019);
/* harmony import */ var _steps_timeline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8208);
/* harmony import */ var _steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9144);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(41);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(468);
/* harmony import */ var _steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4848);







/** Never gated: canary to 0 % (or removed), and with to-deployment-id the stage pointed back. */
async function rollback(ctx) {
    const { cfg, log, api } = ctx;
    const state = await log.group('Read stage', () => (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .loadStage */ .xk)(ctx));
    if (cfg.toDeploymentId !== undefined && cfg.toDeploymentId !== state.stableDeploymentId) {
        // A read before anything changes, for a clear error; but a rollback is never held up by a read.
        try {
            await api.deploymentDescription(cfg.toDeploymentId);
        }
        catch (err) {
            if (err.name === 'NotFoundException') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .StateError */ .qq(`to-deployment-id: deployment '${cfg.toDeploymentId}' does not exist in REST API '${cfg.restApiId}'.`);
            }
            log.warning(`Could not check to-deployment-id first (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(err)}); rolling back anyway.`);
        }
    }
    const ops = (0,_core_decide_js__WEBPACK_IMPORTED_MODULE_0__/* .rollbackOps */ .Bn)(state, cfg.rollbackMode, cfg.toDeploymentId);
    if (ops.length === 0) {
        const why = state.canary
            ? `canary ${state.canary.deploymentId} already at 0%`
            : cfg.toDeploymentId
                ? `the stage already serves ${cfg.toDeploymentId} and has no canary`
                : 'the stage has no canary';
        log.info(`Nothing to roll back: ${why}.`);
        if (state.canary)
            ctx.report.outcome = 'rolled-back';
    }
    else {
        await log.group('Rollback', async () => {
            if (cfg.toDeploymentId !== undefined && cfg.toDeploymentId !== state.stableDeploymentId) {
                ctx.report.previousStableDeploymentId = state.stableDeploymentId;
            }
            ctx.report.after = await api.updateStage(ops);
            const pointedBack = ctx.report.previousStableDeploymentId !== undefined;
            if (!state.canary && !pointedBack) {
                // Only the settings an interrupted promotion left behind: the promoted deployment still serves everything.
                (0,_steps_timeline_js__WEBPACK_IMPORTED_MODULE_1__/* .mark */ .G)(ctx, 'cleanup', 'no canary: removed the canary settings a promotion left behind', 0);
                const left = `the canary settings a promotion left behind; ${state.stableDeploymentId} still serves all traffic.`;
                log.info((0,_steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_2__/* .said */ .ag)(cfg.dryRun, `Nothing to roll back: the stage has no canary. Removed ${left}`, `nothing to roll back: the stage has no canary. Would remove ${left}`));
                return;
            }
            ctx.report.outcome = 'rolled-back';
            const parts = [
                state.canary
                    ? `canary ${state.canary.deploymentId} ${cfg.rollbackMode === 'remove' ? 'removed' : `${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_6__/* .pct */ .Oe)(state.canary.percent)} → 0%`}`
                    : '',
                ctx.report.previousStableDeploymentId
                    ? `stage pointed back at ${cfg.toDeploymentId} (was ${state.stableDeploymentId})`
                    : ''
            ].filter(Boolean);
            (0,_steps_timeline_js__WEBPACK_IMPORTED_MODULE_1__/* .mark */ .G)(ctx, 'rollback', parts.join('; ') || 'canary settings removed', 0);
            const done = parts.join('; ') || 'canary settings removed';
            log.info((0,_steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_2__/* .said */ .ag)(cfg.dryRun, `Rolled back: ${done}.`, `would roll back: ${done}.`));
        });
    }
    // For the report only, after the change: a failed read must not fail a rollback.
    await (0,_steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_5__/* .readAlarmsForReport */ .aw)(ctx);
    // The canary the stage has now: pointing back can turn a promotion's leftover into one.
    const canary = ctx.report.after?.canary ?? state.canary;
    if (canary) {
        await (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .loadCanaryCommit */ .GE)(ctx, canary.deploymentId).catch((err) => log.warning(`Could not read the canary's commit: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(err)}`));
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
