export const id = 50;
export const ids = [50];
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

/***/ 5767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G3: () => (/* binding */ respondToBake),
/* harmony export */   W: () => (/* binding */ gateOnRaisedTraffic)
/* harmony export */ });
/* unused harmony export answer */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _steps_response_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6076);


/**
 * Carries out `response` and fails the step. The abort reason is in the report
 * before the rollback goes out (a rollback that fails still says why it was
 * tried), then as the rollback left it (whose canary it stopped).
 */
async function answer(ctx, response) {
    ctx.report.abortReason = response.reason;
    ctx.report.abortReason = await (0,_steps_response_js__WEBPACK_IMPORTED_MODULE_1__/* .respond */ .uf)(ctx, response);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(response.reason);
}
/** A bake's end: nothing when clean, else its response, carried out. */
async function respondToBake(ctx, result) {
    if (result.response)
        await answer(ctx, result.response);
}
/**
 * The gate before a traffic increase or a promotion (gateWithResponse): a
 * refusal on traffic this step already raised gets the alarm response; any
 * other refusal only stops the step.
 */
async function gateOnRaisedTraffic(ctx, what) {
    const response = await (0,_steps_response_js__WEBPACK_IMPORTED_MODULE_1__/* .gateWithResponse */ .Dj)(ctx, what);
    if (response)
        await answer(ctx, response);
}


/***/ }),

/***/ 4620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bn: () => (/* binding */ rollbackOps),
/* harmony export */   UW: () => (/* binding */ shiftTarget),
/* harmony export */   cd: () => (/* binding */ jobLengthWarning),
/* harmony export */   mZ: () => (/* binding */ decideDeploy),
/* harmony export */   pr: () => (/* binding */ decidePromote)
/* harmony export */ });
/* unused harmony export JOB_LIMIT_MS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _description_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2817);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8571);
/* harmony import */ var _ladder_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3567);
/* harmony import */ var _patch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5333);
/* harmony import */ var _stage_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41);






/** Pure: what deploy does, given the stage and what the canary and the stable deployment record. */
function decideDeploy(state, canaryIsThisCommit, stableIsThisCommit, ifCanaryExists, 
/** Whose the canary is, as its description records it (commitOf). */
canaryCommit) {
    const c = state.canary;
    if (c && canaryIsThisCommit) {
        return {
            kind: 'noop',
            why: `the canary ${c.deploymentId} (${(0,_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(c.percent)}) already carries this commit`
        };
    }
    if (!c && stableIsThisCommit) {
        return {
            kind: 'noop',
            why: `the stable deployment ${state.stableDeploymentId} already carries this commit`
        };
    }
    if (c && c.percent > 0 && ifCanaryExists === 'fail') {
        return {
            kind: 'refuse',
            why: `another canary is active on this stage: deployment ${c.deploymentId} at ${(0,_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(c.percent)} (${canaryCommit ? `commit ${(0,_description_js__WEBPACK_IMPORTED_MODULE_1__/* .shortCommit */ .Ax)(canaryCommit)}` : 'no commit recorded'}). Promote or roll it back first, or set if-canary-exists: replace.`
        };
    }
    return { kind: 'create', replacing: c };
}
/** The traffic `percent` asks for, from the current traffic (`next` = the rung above). */
function shiftTarget(requested, current, steps) {
    if (requested !== 'next')
        return requested;
    const next = (0,_ladder_js__WEBPACK_IMPORTED_MODULE_2__/* .nextRung */ .O7)(steps, current);
    if (next === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StateError */ .qq(`The canary is at ${(0,_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(current)}, the top of steps (${steps.join(',')}): there is no next rung; promote it.`);
    }
    return next;
}
/** Pure: the patch a rollback sends (empty when there is nothing to roll back). */
function rollbackOps(state, mode, toDeploymentId) {
    const ops = [];
    if (mode === 'remove' && (state.canary || state.leftover))
        ops.push(...(0,_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .removeCanaryOps */ .nu)());
    if (mode === 'zero' && state.canary && state.canary.percent > 0)
        ops.push(...(0,_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .setTrafficOps */ .GM)(0));
    if (toDeploymentId !== undefined && toDeploymentId !== state.stableDeploymentId)
        ops.push(...(0,_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .pointStageOps */ .hz)(toDeploymentId));
    return ops;
}
/** A hosted runner's job limit. */
const JOB_LIMIT_MS = 6 * 60 * 60 * 1000;
/**
 * Pure: whether the remaining bakes fit in one job, and the advice when they
 * do not. A single bake (shift): its advice is a shorter bake, or several shifts.
 */
function jobLengthWarning(rungs, bakeTimeMs, walk = 'ladder') {
    const total = rungs.length * bakeTimeMs;
    if (total <= JOB_LIMIT_MS - 10 * 60 * 1000)
        return undefined;
    if (walk === 'single-bake')
        return (`A bake of ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(bakeTimeMs)} is longer than a 6-hour job allows: the job would be cancelled mid-bake (and the canary set to 0 %). ` +
            `Shorten bake-time, or bake over several jobs, each a shift with a bake-time that fits; a self-hosted runner allows up to 5 days.`);
    return (`${rungs.length} bakes of ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(bakeTimeMs)} take ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(total)}, longer than a 6-hour job allows: ` +
        `split the ramp over jobs (e.g. one job per rung with steps: set to the rungs it should walk, or shift with percent: next and bake-time), ` +
        `each continuing from the stage; or shorten bake-time.`);
}
/**
 * Pure: what promote does. A canary with traffic is promoted (if it is this
 * release's: ownershipProblem); the settings an interrupted promotion left
 * are removed; a stable deployment that already carries this commit is done.
 */
function decidePromote(state, stage, stableIsThisCommit) {
    const canary = state.canary;
    if (canary && canary.percent === 0) {
        return {
            kind: 'refuse',
            why: `Canary ${canary.deploymentId} is at 0% (rolled back, or never given traffic): promoting it would send it all traffic untried. Shift it up first, or deploy a new one.`
        };
    }
    if (canary)
        return { kind: 'promote', canary };
    if (state.leftover) {
        return {
            kind: 'cleanup',
            why: `The canary settings point at the stage's own deployment ${state.stableDeploymentId}: a promotion was interrupted before its cleanup. Removing them.`
        };
    }
    if (stableIsThisCommit) {
        return {
            kind: 'noop',
            why: `Nothing to promote: the stable deployment ${state.stableDeploymentId} already carries this commit.`
        };
    }
    return { kind: 'refuse', why: `Stage '${stage}' has no canary to promote: run deploy first.` };
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


/***/ }),

/***/ 2166:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oB: () => (/* binding */ setTraffic),
/* harmony export */   q_: () => (/* binding */ removeCanarySettings),
/* harmony export */   uD: () => (/* binding */ checkNoConflict)
/* harmony export */ });
/* harmony import */ var _core_patch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5333);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _load_stage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(468);
/* harmony import */ var _timeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8208);





/** Sets canary traffic with one UpdateStage and records it on the timeline. */
async function setTraffic(ctx, percent, event, detail) {
    // A cancelled run raises nothing more (a decrease still goes through).
    if (ctx.signal.aborted && percent > (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.run.stage))
        throw ctx.signal.reason;
    const from = (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.run.stage);
    // The canary is this step's from the moment the write goes out: if its answer
    // is lost after it applied, recovery must still know to take the traffic back.
    const aimedAt = ctx.run.stage?.canary?.deploymentId;
    if (aimedAt !== undefined)
        ctx.run.drivenCanaryId = aimedAt;
    const state = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .setTrafficOps */ .GM)(percent));
    ctx.run.stage = state;
    const hit = state.canary?.deploymentId;
    if (aimedAt !== undefined && hit !== undefined && hit !== aimedAt && percent > from) {
        // API Gateway has no conditional write: another run replaced the canary between
        // this step's read and its write, and the raise landed on theirs. Put it back.
        await undoRaiseOnReplacedCanary(ctx, { aimedAt, hit, from, percent });
    }
    ctx.run.drivenCanaryId = hit;
    (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, event, `${detail} (${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(from)} → ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)((0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(state))})`, (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(state));
    return state;
}
async function undoRaiseOnReplacedCanary(ctx, w) {
    ctx.run.drivenCanaryId = undefined;
    let undone = '';
    try {
        // Lowering traffic is a rollback: fresh connection and short per-attempt deadline, as zeroCanary's.
        ctx.run.stage = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .setTrafficOps */ .GM)(w.from), { urgent: true });
        undone = `; its traffic was set back to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.from)}, where this step found the stage`;
    }
    catch (err) {
        undone = `; setting it back to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.from)} failed (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)}): check the stage and run rollback`;
    }
    const other = await (0,_load_stage_js__WEBPACK_IMPORTED_MODULE_1__/* .describeCanary */ .Wi)(ctx, w.hit);
    const reason = `conflict: ${other} replaced this step's canary ${w.aimedAt} just before the increase to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(w.percent)} reached it${undone}. This run changes nothing more; use a workflow concurrency group per stage.`;
    (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'conflict', reason, (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(ctx.run.stage));
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConflictError */ .fK(reason);
}
/**
 * Removes the canary settings. If the call fails, the stage is read again: a
 * retried removal whose first answer was lost finds nothing left to remove,
 * and that is the outcome wanted.
 */
async function removeCanarySettings(ctx) {
    try {
        ctx.run.stage = await ctx.api.updateStage((0,_core_patch_js__WEBPACK_IMPORTED_MODULE_4__/* .removeCanaryOps */ .nu)());
    }
    catch (err) {
        const state = await ctx.api.getStage();
        if (state.canary || state.leftover)
            throw err;
        ctx.log.info(`The canary settings are gone (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)} came after they were removed).`);
        ctx.run.stage = state;
    }
    return ctx.run.stage;
}
/**
 * Before a traffic change in a run that already changed it: the canary must
 * still be the one this run is driving, at the traffic it set. Otherwise
 * another run (or a person) changed it, and this run stops without touching it.
 */
async function checkNoConflict(ctx, expected) {
    const state = await ctx.api.getStage();
    ctx.run.stage = state;
    const c = state.canary;
    if (!c ||
        c.deploymentId !== expected.deploymentId ||
        Math.abs(c.percent - expected.percent) > 1e-9) {
        const found = c ? `deployment ${c.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(c.percent)}` : 'no canary';
        const reason = `conflict: expected canary deployment ${expected.deploymentId} at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .pct */ .Oe)(expected.percent)} but found ${found}; another run or a person changed the stage. This run changes nothing more; use a workflow concurrency group per stage.`;
        (0,_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'conflict', reason, (0,_core_stage_js__WEBPACK_IMPORTED_MODULE_3__/* .trafficOf */ .t7)(state));
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConflictError */ .fK(reason);
    }
    return state;
}


/***/ })

};
