export const id = 40;
export const ids = [40];
export const modules = {

/***/ 3050:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   promote: () => (/* binding */ promote)
/* harmony export */ });
/* harmony import */ var _core_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4620);
/* harmony import */ var _recorded_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7020);
/* harmony import */ var _steps_timeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8208);
/* harmony import */ var _steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9144);
/* harmony import */ var _core_description_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2817);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);
/* harmony import */ var _core_patch_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(5333);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(41);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(468);
/* harmony import */ var _respond_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5767);
/* harmony import */ var _steps_traffic_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2166);











/**
 * Makes the canary the stage's deployment with AWS's own promotion (traffic 0,
 * overrides merged into the stage variables, deployment copied), then removes
 * the canary settings. A re-run after an interruption between the two calls
 * finds only the leftover settings and finishes the cleanup.
 */
async function promote(ctx) {
    await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_1__/* .recorded */ .t)(ctx, () => promoteSteps(ctx));
}
async function promoteSteps(ctx) {
    const { cfg, log, api } = ctx;
    const state = await log.group('Read stage', () => (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_6__/* .loadStage */ .xk)(ctx));
    // The stable deployment's commit matters only when there is nothing to promote.
    const stableIsThisCommit = !state.canary && !state.leftover && ctx.provenance.sha !== undefined
        ? (0,_core_description_js__WEBPACK_IMPORTED_MODULE_4__/* .sameCommit */ .Kd)(await api.deploymentDescription(state.stableDeploymentId), ctx.provenance)
        : false;
    const decision = (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .decidePromote */ .pr)(state, cfg.stage, stableIsThisCommit);
    if (decision.kind === 'refuse')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .StateError */ .qq(decision.why);
    if (decision.kind === 'noop')
        return log.info(decision.why);
    if (decision.kind === 'cleanup') {
        await log.group('Finish promotion cleanup', async () => {
            log.info(decision.why);
            await (0,_steps_traffic_js__WEBPACK_IMPORTED_MODULE_8__/* .removeCanarySettings */ .q_)(ctx);
            ctx.run.promoted = true;
            (0,_steps_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'cleanup', 'canary settings removed after an earlier promotion', 0);
        });
        return;
    }
    const canary = decision.canary;
    (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_6__/* .requireOwnCanary */ .kZ)(ctx, canary, await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_1__/* .canaryCommit */ .y)(ctx, canary.deploymentId));
    await log.group(`Promote ${canary.deploymentId}`, async () => {
        await (0,_respond_js__WEBPACK_IMPORTED_MODULE_7__/* .gateOnRaisedTraffic */ .W)(ctx, `the promotion of ${canary.deploymentId}`);
        const from = `from ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_9__/* .pct */ .Oe)(canary.percent)} canary traffic`;
        if (canary.percent < 100)
            log.info((0,_steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_3__/* .said */ .ag)(cfg.dryRun, `Promoting ${from}.`, `would promote ${from}.`));
        // A cancelled step promotes nothing.
        if (ctx.signal.aborted)
            throw ctx.signal.reason;
        ctx.report.previousStableDeploymentId = state.stableDeploymentId;
        ctx.run.stage = await api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_10__/* .promoteOps */ .R_)());
        const promoted = ctx.run.stage.stableDeploymentId;
        if (promoted !== canary.deploymentId)
            await undoForeignPromotion(ctx, canary, promoted, state.stableDeploymentId);
        (0,_steps_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'promote', `${canary.deploymentId} promoted to stable (was ${state.stableDeploymentId})`, 0);
        // Promoted from here on, even if the cleanup below fails (a re-run finishes it).
        ctx.run.promoted = true;
        await (0,_steps_traffic_js__WEBPACK_IMPORTED_MODULE_8__/* .removeCanarySettings */ .q_)(ctx);
        (0,_steps_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'cleanup', 'canary settings removed', 0);
        const serves = `${canary.deploymentId} to all traffic; previous stable: ${state.stableDeploymentId}`;
        log.info((0,_steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_3__/* .said */ .ag)(cfg.dryRun, `Stage ${cfg.stage} now serves ${serves}.`, `stage ${cfg.stage} would serve ${serves}.`));
    });
}
/**
 * API Gateway has no conditional write: another run replaced the canary
 * between this step's read and its promotion, and the promotion copied theirs.
 * Points the stage back at the deployment it served (their canary stays, at
 * 0 %), and fails naming whose it was.
 */
async function undoForeignPromotion(ctx, mine, promoted, previous) {
    let undone;
    try {
        ctx.run.stage = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_10__/* .pointStageOps */ .hz)(previous));
        ctx.report.previousStableDeploymentId = undefined;
        undone = `the stage points at ${previous} again (stage variables keep the overrides the promotion merged)`;
    }
    catch (err) {
        undone = `pointing the stage back at ${previous} failed (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(err)}): run rollback with to-deployment-id: ${previous}`;
    }
    const reason = `conflict: ${await (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_6__/* .describeCanary */ .Wi)(ctx, promoted)} replaced this step's canary ${mine.deploymentId} just before the promotion and was promoted instead; ${undone}. Use a workflow concurrency group per stage.`;
    (0,_steps_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'conflict', reason, 0);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConflictError */ .fK(reason);
}


/***/ }),

/***/ 40:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ramp: () => (/* binding */ ramp)
/* harmony export */ });
/* harmony import */ var _core_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4620);
/* harmony import */ var _recorded_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7020);
/* harmony import */ var _steps_bake_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6965);
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8571);
/* harmony import */ var _core_ladder_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3567);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(41);
/* harmony import */ var _promote_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3050);
/* harmony import */ var _respond_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5767);
/* harmony import */ var _steps_traffic_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2166);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(468);










/**
 * From the current traffic, every rung of `steps` above it: gate, shift, bake.
 * The stage is the state, so a re-run resumes at the next rung. The last poll
 * of a bake is the gate of the next rung; before every change after the first,
 * the canary must still be the one this run set (else: conflict, hands off).
 */
async function ramp(ctx) {
    await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_1__/* .recorded */ .t)(ctx, () => rampSteps(ctx));
}
async function rampSteps(ctx) {
    const { cfg, log } = ctx;
    const state = await log.group('Read stage', () => (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .loadStage */ .xk)(ctx));
    // No canary left but asked to promote: a re-run after the promotion began. promote finishes
    // an interrupted cleanup, or finds the commit already stable, or says there is nothing.
    if (!state.canary && cfg.promoteOnSuccess)
        return (0,_promote_js__WEBPACK_IMPORTED_MODULE_4__.promote)(ctx);
    let canary = (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .requireCanary */ .MH)(ctx, state);
    const description = await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_1__/* .canaryCommit */ .y)(ctx, canary.deploymentId);
    const rungs = (0,_core_ladder_js__WEBPACK_IMPORTED_MODULE_3__/* .rungsAbove */ .NC)(cfg.steps, canary.percent);
    if (rungs.length > 0 || cfg.promoteOnSuccess)
        (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .requireOwnCanary */ .kZ)(ctx, canary, description);
    log.info(`${cfg.dryRun ? '[dry-run] ' : ''}Canary ${canary.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_8__/* .pct */ .Oe)(canary.percent)}; rungs ${cfg.dryRun ? 'it would walk' : 'to walk'}: ${rungs.length ? rungs.map(_core_stage_js__WEBPACK_IMPORTED_MODULE_8__/* .pct */ .Oe).join(' → ') : 'none (at the top)'}` +
        `; bake ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_9__/* .formatDuration */ .a)(cfg.bakeTimeMs)} each${cfg.promoteOnSuccess ? `; then ${cfg.dryRun ? 'it would ' : ''}promote` : ''}.`);
    const tooLong = (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .jobLengthWarning */ .cd)(rungs, cfg.bakeTimeMs);
    if (tooLong)
        log.warning(tooLong, 'Ramp longer than a job');
    let gatedByLastPoll = false;
    for (const [i, rung] of rungs.entries()) {
        await log.group(`Rung ${i + 1}/${rungs.length}: ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_8__/* .pct */ .Oe)(canary.percent)} → ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_8__/* .pct */ .Oe)(rung)}`, async () => {
            if (i > 0)
                canary = (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .requireCanary */ .MH)(ctx, await (0,_steps_traffic_js__WEBPACK_IMPORTED_MODULE_6__/* .checkNoConflict */ .uD)(ctx, canary));
            if (!gatedByLastPoll)
                await (0,_respond_js__WEBPACK_IMPORTED_MODULE_5__/* .gateOnRaisedTraffic */ .W)(ctx, `the increase to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_8__/* .pct */ .Oe)(rung)}`);
            const after = await (0,_steps_traffic_js__WEBPACK_IMPORTED_MODULE_6__/* .setTraffic */ .oB)(ctx, rung, 'shift', `rung ${i + 1}/${rungs.length}`);
            canary = (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .requireCanary */ .MH)(ctx, after);
        });
        if (cfg.dryRun)
            continue;
        const result = await log.group(`Bake at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_8__/* .pct */ .Oe)(rung)}`, () => (0,_steps_bake_js__WEBPACK_IMPORTED_MODULE_2__/* .bake */ .W)(ctx, cfg.bakeTimeMs, rung));
        await (0,_respond_js__WEBPACK_IMPORTED_MODULE_5__/* .respondToBake */ .G3)(ctx, result);
        // A clean bake's last poll read the alarms at its end (bake() reads on past
        // the deadline until a read succeeds): that read gates the next rung.
        gatedByLastPoll = ctx.readAlarms !== undefined;
    }
    // The stage after the last bake: still this run's canary, at the traffic it set.
    if (rungs.length > 0 && !cfg.dryRun)
        await (0,_steps_traffic_js__WEBPACK_IMPORTED_MODULE_6__/* .checkNoConflict */ .uD)(ctx, canary);
    if (cfg.promoteOnSuccess) {
        await (0,_promote_js__WEBPACK_IMPORTED_MODULE_4__.promote)(ctx);
    }
    else if (rungs.length === 0) {
        log.info(`Nothing to ramp: the canary is at the top of steps. Promote it (command: promote, or promote-on-success: true).`);
    }
}


/***/ })

};
