export const id = 356;
export const ids = [356];
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

/***/ 1356:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollback: () => (/* binding */ rollback)
/* harmony export */ });
/* harmony import */ var _core_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4620);
/* harmony import */ var _recorded_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7020);
/* harmony import */ var _steps_timeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8208);
/* harmony import */ var _steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9144);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(41);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(468);
/* harmony import */ var _steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4848);








/** Never gated: canary to 0 % (or removed), and with to-deployment-id the stage pointed back. */
async function rollback(ctx) {
    await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_1__/* .recorded */ .t)(ctx, () => rollbackSteps(ctx));
}
async function rollbackSteps(ctx) {
    const { cfg, log, api } = ctx;
    const state = await log.group('Read stage', () => (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_5__/* .loadStage */ .xk)(ctx));
    if (cfg.toDeploymentId !== undefined && cfg.toDeploymentId !== state.stableDeploymentId) {
        // A read before anything changes, for a clear error; but a rollback is never held up by a read.
        try {
            await api.deploymentDescription(cfg.toDeploymentId);
        }
        catch (err) {
            if (err.name === 'NotFoundException') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .StateError */ .qq(`to-deployment-id: deployment '${cfg.toDeploymentId}' does not exist in REST API '${cfg.restApiId}'.`);
            }
            log.warning(`Could not check to-deployment-id first (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(err)}); rolling back anyway.`);
        }
    }
    const ops = (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .rollbackOps */ .Bn)(state, cfg.rollbackMode, cfg.toDeploymentId);
    if (ops.length === 0) {
        const why = state.canary
            ? `canary ${state.canary.deploymentId} already at 0%`
            : cfg.toDeploymentId
                ? `the stage already serves ${cfg.toDeploymentId} and has no canary`
                : 'the stage has no canary';
        log.info(`Nothing to roll back: ${why}.`);
        if (state.canary)
            ctx.run.rolledBack = true;
    }
    else {
        await log.group('Rollback', async () => {
            if (cfg.toDeploymentId !== undefined && cfg.toDeploymentId !== state.stableDeploymentId) {
                ctx.report.previousStableDeploymentId = state.stableDeploymentId;
            }
            ctx.run.stage = await api.updateStage(ops);
            const pointedBack = ctx.report.previousStableDeploymentId !== undefined;
            if (!state.canary && !pointedBack) {
                // Only the settings an interrupted promotion left behind: the promoted deployment still serves everything.
                (0,_steps_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'cleanup', 'no canary: removed the canary settings a promotion left behind', 0);
                const left = `the canary settings a promotion left behind; ${state.stableDeploymentId} still serves all traffic.`;
                log.info((0,_steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_3__/* .said */ .ag)(cfg.dryRun, `Nothing to roll back: the stage has no canary. Removed ${left}`, `nothing to roll back: the stage has no canary. Would remove ${left}`));
                return;
            }
            ctx.run.rolledBack = true;
            const parts = [
                state.canary
                    ? `canary ${state.canary.deploymentId} ${cfg.rollbackMode === 'remove' ? 'removed' : `${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .pct */ .Oe)(state.canary.percent)} → 0%`}`
                    : '',
                ctx.report.previousStableDeploymentId
                    ? `stage pointed back at ${cfg.toDeploymentId} (was ${state.stableDeploymentId})`
                    : ''
            ].filter(Boolean);
            (0,_steps_timeline_js__WEBPACK_IMPORTED_MODULE_2__/* .mark */ .G)(ctx, 'rollback', parts.join('; ') || 'canary settings removed', 0);
            const done = parts.join('; ') || 'canary settings removed';
            log.info((0,_steps_dry_run_text_js__WEBPACK_IMPORTED_MODULE_3__/* .said */ .ag)(cfg.dryRun, `Rolled back: ${done}.`, `would roll back: ${done}.`));
        });
    }
    // For the report only, after the change: a failed read must not fail a rollback.
    await (0,_steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_6__/* .readAlarmsForReport */ .aw)(ctx);
    // The canary the stage has now: pointing back can turn a promotion's leftover into one.
    const canary = ctx.run.stage?.canary ?? state.canary;
    if (canary) {
        await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_1__/* .canaryCommit */ .y)(ctx, canary.deploymentId).catch((err) => log.warning(`Could not read the canary's commit: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(err)}`));
    }
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


/***/ })

};
