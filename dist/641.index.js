export const id = 641;
export const ids = [641];
export const modules = {

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

/***/ 3641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkLine: () => (/* binding */ checkLine),
/* harmony export */   runPreflight: () => (/* binding */ runPreflight)
/* harmony export */ });
/* harmony import */ var _core_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4620);
/* harmony import */ var _core_ladder_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3567);
/* harmony import */ var _commands_catalog_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6833);
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1969);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _github_untrusted_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3209);






/** The ladder and bake the step is about to walk, and the commit it releases. */
function planOf(ctx, f) {
    const { cfg } = ctx;
    const traits = (0,_commands_catalog_js__WEBPACK_IMPORTED_MODULE_2__/* .traitsOf */ .JC)(cfg.command);
    const canary = f.current?.canary;
    let rungs = cfg.steps;
    if (traits.preflight === 'first-rung' && typeof cfg.percent === 'number')
        rungs = [cfg.percent, ...(0,_core_ladder_js__WEBPACK_IMPORTED_MODULE_1__/* .rungsAbove */ .NC)(cfg.steps, cfg.percent)];
    if (traits.preflight === 'above-canary' && canary && canary.percent > 0) {
        const above = (0,_core_ladder_js__WEBPACK_IMPORTED_MODULE_1__/* .rungsAbove */ .NC)(cfg.steps, canary.percent);
        if (above.length > 0)
            rungs = above;
    }
    // A ramp may drive another commit's canary on purpose (expected-canary-deployment-id).
    const commit = traits.drivesExpectedCanary && canary && cfg.expectedCanaryId === canary.deploymentId
        ? canary.commit
        : ctx.provenance.sha;
    // deploy bakes once (first-rung): the job length is the ramp's concern.
    const tooLong = traits.preflight === 'first-rung' ? undefined : (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .jobLengthWarning */ .cd)(rungs, cfg.bakeTimeMs);
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
    return (0,_github_untrusted_js__WEBPACK_IMPORTED_MODULE_5__/* .logText */ .kc)(`${_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .CHECK_ICON */ .pQ[c.status]} ${c.title}: ${c.found.replace(/\n/g, ' ')}${c.todo ? ` → ${c.todo}` : ''}`);
}
/** Runs preflight (undefined: it cannot, no reader); the caller records the checks, then throws `stop`. */
async function runPreflight(ctx, mode) {
    const read = ctx.readPreflight;
    if (!read)
        return;
    const { cfg, log } = ctx;
    const traits = (0,_commands_catalog_js__WEBPACK_IMPORTED_MODULE_2__/* .traitsOf */ .JC)(cfg.command);
    return log.group('Preflight', async () => {
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
            overrides: traits.overrides === 'creates' ||
                (traits.overrides === 'when-given' && Object.keys(cfg.stageVariableOverrides).length > 0)
                ? cfg.stageVariableOverrides
                : undefined
        });
        const checks = (0,_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .preflightChecks */ .xq)(facts, planOf(ctx, facts));
        const blocking = (0,_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .blockingChecks */ .td)(checks, mode, facts);
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
            .map((s) => `${checks.filter((c) => c.status === s).length} ${_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .CHECK_ICON */ .pQ[s]}`)
            .join(', ');
        log.info(`Preflight: ${counts}${blocking.length > 0 ? '' : '; nothing stops the step.'}`);
        if (blocking.length === 0)
            return { checks };
        return {
            checks,
            stop: new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GateError */ .ue(`preflight failed (${blocking.map((c) => c.title).join('; ')}): ${blocking
                .map((c) => (c.todo ?? c.found).replace(/\n/g, ' '))
                .join(' ')} Nothing was changed.`)
        };
    });
}


/***/ })

};
