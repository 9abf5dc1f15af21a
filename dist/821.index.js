export const id = 821;
export const ids = [821,641];
export const modules = {

/***/ 5821:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   preflight: () => (/* binding */ preflight)
/* harmony export */ });
/* harmony import */ var _recorded_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7020);
/* harmony import */ var _preflight_step_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3641);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(468);



/**
 * Checks that a canary release of the stage will work and be watched
 * (docs/preflight.md): reads only, one line per check, fails on any ❌.
 */
async function preflight(ctx) {
    await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_0__/* .recorded */ .t)(ctx, () => preflightSteps(ctx));
}
async function preflightSteps(ctx) {
    // The outputs describe the stage as it is; a missing stage is the stage check's ❌.
    await (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .loadStage */ .xk)(ctx).catch(() => undefined);
    const result = await (0,_preflight_step_js__WEBPACK_IMPORTED_MODULE_1__.runPreflight)(ctx, 'fail');
    if (result)
        ctx.report.preflightChecks = result.checks;
    if (result?.stop)
        throw result.stop;
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
