export const id = 948;
export const ids = [948,638];
export const modules = {

/***/ 4948:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RACE_SETTLE_MS: () => (/* binding */ RACE_SETTLE_MS),
  deploy: () => (/* binding */ deploy)
});

// EXTERNAL MODULE: ./src/core/plan.ts
var plan = __webpack_require__(4620);
// EXTERNAL MODULE: ./src/commands/recorded.ts
var recorded = __webpack_require__(7020);
// EXTERNAL MODULE: ./src/core/report.ts
var report = __webpack_require__(8557);
// EXTERNAL MODULE: ./src/steps/bake.ts + 11 modules
var bake = __webpack_require__(6965);
// EXTERNAL MODULE: ./src/steps/dry-run-text.ts
var dry_run_text = __webpack_require__(9144);
// EXTERNAL MODULE: ./src/steps/timeline.ts
var timeline = __webpack_require__(8208);
// EXTERNAL MODULE: ./src/core/description.ts
var core_description = __webpack_require__(2817);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/core/stage.ts
var stage = __webpack_require__(41);
// EXTERNAL MODULE: ./src/commands/respond.ts
var respond = __webpack_require__(5767);
// EXTERNAL MODULE: ./src/core/patch.ts
var patch = __webpack_require__(5333);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __webpack_require__(8571);
// EXTERNAL MODULE: ./src/steps/load-stage.ts
var load_stage = __webpack_require__(468);
;// CONCATENATED MODULE: ./src/steps/create-canary.ts





/** CreateDeployment's account quota: one request every 5 s, shared by every deploy in the account and region. */
const CREATE_THROTTLE_WAIT_MS = 5_000;
/**
 * How long deploy keeps trying a throttled CreateDeployment: room for about
 * 60 deploys queued in one account at once. A throttled call created nothing,
 * so waiting longer never risks a second deployment.
 */
const CREATE_QUOTA_BUDGET_MS = 5 * 60_000;
/**
 * The wait after a throttled CreateDeployment: 1-5 s at random. Waiting the
 * quota's whole 5 s makes parallel deploys throttled together retry together
 * and collide again; random waits spread them so the next free slot goes to
 * whoever asks first.
 */
function quotaWaitMs(random = Math.random) {
    return Math.round(1_000 + random() * 4_000);
}
function statusOf(err) {
    return err?.$metadata?.httpStatusCode;
}
/** Throttled: the request was refused, so nothing was created and it can be sent again. */
function isThrottle(err) {
    const name = err?.name;
    return (name === 'TooManyRequestsException' ||
        name === 'LimitExceededException' ||
        statusOf(err) === 429);
}
/**
 * Ambiguous: no answer, or a server-side failure; the deployment may or may
 * not exist. Any other 4xx is a definite refusal.
 */
function isAmbiguous(err) {
    const status = statusOf(err);
    return status === undefined || status >= 500;
}
/**
 * Creates the canary deployment without ever making two: CreateDeployment is
 * sent with one SDK attempt; a throttle waits and sends again; an ambiguous
 * failure re-reads the stage (and the deployments) before deciding, adopts a
 * deployment this step made whose answer was lost (the description carries
 * the step's id), and sends again only after a second look 5 s later.
 * `replacing` is the canary the step decided to replace, if any.
 */
async function createCanary(ctx, c, replacing) {
    const { api, log, cfg } = ctx;
    /** This step's deployment, attached as the canary or not; undefined when there is none. */
    const findMine = async () => {
        const state = await (0,load_stage/* loadStage */.xk)(ctx);
        const other = state.canary;
        if (other && (await api.deploymentDescription(other.deploymentId)) === c.description) {
            log.info(`The deployment was created: canary ${other.deploymentId} carries this step's description.`);
            return other.deploymentId;
        }
        if (other &&
            other.deploymentId !== replacing &&
            other.percent > 0 &&
            cfg.ifCanaryExists === 'fail') {
            // Another run owns the stage now: a conflict, and nothing of it is touched.
            throw new errors/* ConflictError */.fK(`deploy refused: while this step's CreateDeployment went unanswered, another canary appeared: ${await (0,load_stage/* describeCanary */.Wi)(ctx, other.deploymentId)} at ${(0,stage/* pct */.Oe)(other.percent)}. It is left as it is; promote or roll it back, then re-run this job.`);
        }
        const orphan = await api.findDeployment(c.description);
        if (orphan) {
            log.info(`Deployment ${orphan} was created but not attached: attaching it as the canary.`);
            ctx.run.stage = await api.updateStage((0,patch/* attachCanaryOps */.Sw)(orphan, c.percent, c.overrides, c.useStageCache));
            return orphan;
        }
        return undefined;
    };
    let lastErr;
    const throttledSince = { times: 0 };
    for (let attempt = 1; attempt <= cfg.maxAttempts;) {
        // A cancelled step creates nothing more.
        if (ctx.signal.aborted)
            throw ctx.signal.reason;
        ctx.run.createInFlight = true;
        try {
            return await api.createCanaryDeployment(c);
        }
        catch (err) {
            // Cancelled while the call was out: recovery re-reads the stage and takes back what it made.
            if (ctx.signal.aborted)
                throw ctx.signal.reason;
            lastErr = err;
            // A throttle or another clear refusal: nothing was created.
            if (!isAmbiguous(err))
                ctx.run.createInFlight = false;
            if (isThrottle(err)) {
                // Throttles are waited out on a time budget, not counted as attempts.
                const now = ctx.clock.now();
                throttledSince.at ??= now;
                throttledSince.times++;
                const waited = now - throttledSince.at;
                if (waited >= CREATE_QUOTA_BUDGET_MS) {
                    throw new errors/* StateError */.qq(`CreateDeployment was throttled ${throttledSince.times} times over ${(0,duration/* formatDuration */.a)(waited)} by the account's deployment quota (one CreateDeployment every 5 s per account and region, shared by every deploy there); nothing was created. Re-run this job once the other deploys are done; it will work.`);
                }
                const wait = quotaWaitMs();
                log.warning(`CreateDeployment throttled by the account's deployment quota (${throttledSince.times} so far${waited >= 1000 ? `, over ${(0,duration/* formatDuration */.a)(waited)}` : ''}): ${(0,errors/* errorMessage */.gJ)(err)}; trying again in ${(0,duration/* formatDuration */.a)(wait)}`);
                await ctx.sleep(wait, ctx.signal);
                continue;
            }
            attempt++;
            if (!isAmbiguous(err))
                throw err;
            log.warning(`CreateDeployment failed without a clear answer (${(0,errors/* errorMessage */.gJ)(err)}): re-reading the stage before deciding.`);
            const found = await findMine();
            if (found)
                return found;
            // A creation still in progress shows up a moment later; the quota wants the pause anyway.
            log.info(`No deployment of this step yet: looking again in ${CREATE_THROTTLE_WAIT_MS / 1000}s.`);
            await ctx.sleep(CREATE_THROTTLE_WAIT_MS, ctx.signal);
            const late = await findMine();
            if (late)
                return late;
            log.info('No deployment was created: sending CreateDeployment again.');
        }
    }
    throw lastErr;
}

// EXTERNAL MODULE: ./src/steps/traffic.ts
var traffic = __webpack_require__(2166);
// EXTERNAL MODULE: ./src/steps/alarm-gate.ts
var alarm_gate = __webpack_require__(4848);
// EXTERNAL MODULE: ./src/steps/import-definition.ts
var import_definition = __webpack_require__(7638);
// EXTERNAL MODULE: ./src/preflight/step.ts
var step = __webpack_require__(3641);
// EXTERNAL MODULE: ./src/backend-check/decide.ts + 1 modules
var decide = __webpack_require__(2980);
;// CONCATENATED MODULE: ./src/backend-check/step.ts



/**
 * deploy with `openapi-file`, after PutRestApi and before CreateDeployment:
 * the backend check again, on the integrations just imported (preflight saw
 * the API before the import). Returns its rows, which replace preflight's in
 * the report (withBackendRows), and the GateError that stops the step before
 * the canary exists on a ❌; the caller records the rows, then throws `stop`.
 * Undefined in a dry run (nothing was imported), with `preflight: off`, or
 * with no reader.
 */
async function recheckBackends(ctx) {
    const { cfg, log } = ctx;
    const read = ctx.readBackends;
    if (!read || cfg.preflight === 'off' || cfg.dryRun)
        return undefined;
    const facts = await read({
        restApiId: cfg.restApiId,
        stageVariables: ctx.run.before?.variables ?? {},
        overrides: cfg.stageVariableOverrides
    });
    const rows = (0,decide/* checkBackends */.ed)(facts, {
        region: cfg.region,
        restApiId: cfg.restApiId,
        stage: cfg.stage
    });
    for (const c of rows) {
        const line = `${(0,step.checkLine)(c)} (after the import)`;
        if (c.status === 'fail')
            log.error(line, `Backend: ${c.title}`);
        else if (c.status === 'warn')
            log.warning(line, `Backend: ${c.title}`);
        else
            log.info(line);
    }
    const failed = rows.filter((c) => c.status === 'fail');
    if (failed.length === 0)
        return { checks: rows };
    return {
        checks: rows,
        stop: new errors/* GateError */.ue(`backend check failed after importing ${cfg.openapiFile ?? 'the definition'} (${failed.map((c) => c.title).join('; ')}): ${failed
            .map((c) => (c.todo ?? c.found).replace(/\n/g, ' '))
            .join(' ')} The definition was imported; no canary was created.`)
    };
}

;// CONCATENATED MODULE: ./src/commands/deploy.ts

















/**
 * How long a deploy without a bake waits before reading its canary back. Two
 * deploys that both saw no canary both create; the later CreateDeployment
 * lands within about one round trip of the earlier one, and this wait lets the
 * earlier deploy see that its canary was replaced, and fail saying by whom.
 */
const RACE_SETTLE_MS = 2_000;
/** Reads the stage and what its deployments record, and decides (decideDeploy). */
async function readAndDecide(ctx) {
    const { api } = ctx;
    const state = await (0,load_stage/* loadStage */.xk)(ctx);
    const hasCommit = ctx.provenance.sha !== undefined && ctx.provenance.repository !== undefined;
    const canaryDesc = state.canary ? await (0,recorded/* canaryCommit */.y)(ctx, state.canary.deploymentId) : undefined;
    const canarySame = hasCommit && (0,core_description/* sameCommit */.Kd)(canaryDesc, ctx.provenance);
    const stableSame = hasCommit && !state.canary && state.stableDeploymentId !== ''
        ? (0,core_description/* sameCommit */.Kd)(await api.deploymentDescription(state.stableDeploymentId), ctx.provenance)
        : false;
    return (0,plan/* decideDeploy */.mZ)(state, canarySame, stableSame, ctx.cfg.ifCanaryExists, (0,core_description/* commitOf */.D3)(canaryDesc));
}
/** A new deployment as the stage's canary, once per commit. */
async function deploy(ctx) {
    await (0,recorded/* recorded */.t)(ctx, () => deploySteps(ctx));
}
async function deploySteps(ctx) {
    const { cfg, log, api } = ctx;
    // An OpenAPI file was checked before any AWS call (main.ts), and is imported just before the deployment.
    const definition = ctx.definition;
    const description = (0,core_description/* buildDescription */.PQ)(cfg.description, ctx.provenance, ctx.stepId, definition?.sha256);
    const percent = cfg.percent === undefined ? cfg.steps[0] : cfg.percent;
    let decision = await log.group('Read stage', () => readAndDecide(ctx));
    if (decision.kind === 'create') {
        // Deciding took a gate's read: look again just before creating, so that a
        // canary another run made meanwhile is seen, not silently replaced.
        const seen = decision.replacing?.deploymentId;
        decision = await log.group('Gate and re-read stage', async () => {
            await (0,alarm_gate/* gate */.Gj)(ctx, `a new canary at ${(0,stage/* pct */.Oe)(percent)}`);
            const again = await api.getStage();
            if (again.canary?.deploymentId === seen)
                return decision;
            log.info('The canary changed while this step decided: deciding again.');
            return readAndDecide(ctx);
        });
    }
    if (decision.kind === 'noop') {
        log.info(`Nothing to deploy: ${decision.why}. No deployment was created.`);
        const c = ctx.run.stage?.canary;
        if (c && c.percent === 0) {
            log.warning(`The canary for this commit is at 0% (rolled back). deploy leaves it there: shift sends it traffic again, a new commit deploys a fix.`, 'Canary for this commit is at 0%');
        }
        // A re-run whose first run did not finish its bake watches the canary it finds.
        if (c && c.percent > 0)
            await bakeAndConfirm(ctx, c.deploymentId, c.percent);
        return;
    }
    if (decision.kind === 'refuse')
        throw new errors/* StateError */.qq(`deploy refused: ${decision.why}`);
    const replacing = decision.replacing;
    await log.group(`Deploy canary at ${(0,stage/* pct */.Oe)(percent)}`, async () => {
        if (replacing) {
            const was = `canary ${replacing.deploymentId} (${(0,stage/* pct */.Oe)(replacing.percent)})`;
            log.info((0,dry_run_text/* said */.ag)(cfg.dryRun, `Replacing ${was}.`, `would replace ${was}.`));
        }
        if (definition) {
            await (0,import_definition.importDefinition)(ctx, definition);
            // The imported integrations are what the canary will call: check them before it exists.
            const rechecked = await recheckBackends(ctx);
            if (rechecked) {
                ctx.report.preflightChecks = (0,decide/* withBackendRows */.Sv)(ctx.report.preflightChecks, rechecked.checks);
                if (rechecked.stop)
                    throw rechecked.stop;
            }
        }
        const id = await createCanary(ctx, {
            description,
            percent,
            overrides: cfg.stageVariableOverrides,
            useStageCache: cfg.useStageCache
        }, replacing?.deploymentId);
        ctx.run.drivenCanaryId = id;
        ctx.run.createInFlight = false;
        // A deploy that raced this one may land just after it: without a bake (whose
        // end checks the canary again), give it a moment to show before reading back.
        if (cfg.bakeTimeMs === 0 && !cfg.dryRun)
            await ctx.sleep(RACE_SETTLE_MS, ctx.signal);
        const state = await (0,load_stage/* loadStage */.xk)(ctx);
        if (state.canary?.deploymentId !== id) {
            // Another run's deployment replaced this one at once: theirs is left as it is.
            ctx.run.drivenCanaryId = undefined;
            const found = state.canary
                ? `${await (0,load_stage/* describeCanary */.Wi)(ctx, state.canary.deploymentId)} at ${(0,stage/* pct */.Oe)(state.canary.percent)}`
                : 'no canary';
            const reason = `conflict: this step created canary deployment ${id}, but the stage's canary is now ${found}: another run deployed at the same moment. That canary is left as it is; this commit serves no traffic. Use a workflow concurrency group per stage, then re-run this job.`;
            (0,timeline/* mark */.G)(ctx, 'conflict', reason, (0,stage/* trafficOf */.t7)(state));
            throw new errors/* ConflictError */.fK(reason);
        }
        // A dry run created nothing: the canary, if any, is still the one it found.
        if (!cfg.dryRun) {
            (0,report/* noteCanary */.d)(ctx.report, description);
        }
        (0,timeline/* mark */.G)(ctx, 'deploy', `canary deployment ${id} created at ${(0,stage/* pct */.Oe)(percent)}`, state.canary?.percent ?? percent);
        const share = `${(0,stage/* pct */.Oe)(state.canary?.percent ?? percent)} of ${cfg.stage}'s traffic`;
        log.info((0,dry_run_text/* said */.ag)(cfg.dryRun, `Canary deployment ${id} serves ${share}.`, `the new canary deployment would serve ${share}.`));
    });
    const canary = ctx.run.stage?.canary;
    if (canary)
        await bakeAndConfirm(ctx, canary.deploymentId, percent);
}
/** With bake-time: watch the canary, act on an alarm, and confirm nobody changed it meanwhile. */
async function bakeAndConfirm(ctx, deploymentId, percent) {
    const { cfg, log } = ctx;
    if (cfg.bakeTimeMs <= 0 || cfg.dryRun)
        return;
    const result = await log.group(`Bake at ${(0,stage/* pct */.Oe)(percent)}`, () => (0,bake/* bake */.W)(ctx, cfg.bakeTimeMs, percent));
    await (0,respond/* respondToBake */.G3)(ctx, result);
    // Nobody changed the canary while this step watched it (and the outputs tell the truth).
    await (0,traffic/* checkNoConflict */.uD)(ctx, { deploymentId, percent });
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

/***/ 7638:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_DEFINITION_BYTES: () => (/* binding */ MAX_DEFINITION_BYTES),
/* harmony export */   importDefinition: () => (/* binding */ importDefinition),
/* harmony export */   readDefinition: () => (/* binding */ readDefinition)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_yaml_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9662);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/**
 * deploy from an OpenAPI definition: read and check the file before any
 * change, then import it (PutRestApi) just before the canary deployment
 * (docs/usage.md#deploy-from-an-openapi-definition).
 */





/** API Gateway's limit on an imported definition. */
const MAX_DEFINITION_BYTES = 6 * 1024 * 1024;
const NAME = 'openapi-file';
const refuse = (message) => {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(NAME, `Input '${NAME}' ${message}`);
};
/** Whether `path` is `dir` or below it (`..v2.yaml` is a name, not a way up). */
function within(dir, path) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(dir, path);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}`) && !(0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(rel));
}
const realOrUndefined = (dir) => {
    try {
        return dir ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(dir) : undefined;
    }
    catch {
        return undefined;
    }
};
/**
 * The file's real path (symlinks resolved), when it lies in the workspace or
 * in RUNNER_TEMP (where an earlier step may have generated it); else the
 * refusal. A relative path is taken from the workspace.
 */
function realFile(file, env) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const roots = [workspace, env.RUNNER_TEMP].map(realOrUndefined).filter((d) => d !== undefined);
    const where = env.RUNNER_TEMP ? 'the workspace or RUNNER_TEMP' : 'the workspace';
    let real;
    try {
        real = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, file));
    }
    catch {
        return refuse(`must name a file in ${where}; ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} does not exist.`);
    }
    if (!roots.some((root) => within(root, real)))
        refuse(`must be a file inside ${where} (after following symlinks); ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} is not.`);
    return real;
}
/** Why `text` is not an OpenAPI 2.0 or 3.0 definition, undefined when it is one; its YAML warnings. */
function notOpenApi(text) {
    const isDefinition = (has) => has('openapi') || has('swagger');
    if (/^\s*\{/.test(text)) {
        let doc;
        try {
            doc = JSON.parse(text);
        }
        catch (err) {
            return { why: `is not valid JSON: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .cutText */ .IN)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(err), 200)}`, warnings: [] };
        }
        const o = typeof doc === 'object' && doc !== null ? doc : {};
        return {
            why: isDefinition((k) => o[k] !== undefined) ? undefined : 'has no openapi or swagger field',
            warnings: []
        };
    }
    // The document itself, not its values: aliases are never expanded, so none is refused.
    const parsed = (0,_core_yaml_text_js__WEBPACK_IMPORTED_MODULE_3__/* .parseYamlText */ .cd)(text);
    if (!parsed.ok)
        return { why: `is not valid YAML: ${parsed.problem}`, warnings: [] };
    const { doc, warnings } = parsed;
    const map = typeof doc.contents === 'object' && doc.contents !== null && 'items' in doc.contents;
    const ok = map && isDefinition((k) => doc.has(k));
    return { why: ok ? undefined : 'has no openapi or swagger field at its top', warnings };
}
/**
 * The file named by openapi-file, checked before any AWS call: inside the
 * workspace or RUNNER_TEMP once symlinks are resolved, at most 6 MB, an
 * OpenAPI 2.0 or 3.0 definition in JSON or YAML.
 */
/** A file-system read whose failure (EACCES, removed since) is the input's one-line refusal. */
function readOr(file, read) {
    try {
        return read();
    }
    catch (err) {
        const code = err.code ?? 'error';
        return refuse(`could not be read: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} (${code}).`);
    }
}
function readDefinition(cfg, env = process.env) {
    const file = cfg.openapiFile;
    if (file === undefined)
        return undefined;
    const path = realFile(file, env);
    const st = readOr(file, () => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(path));
    if (!st.isFile())
        refuse(`must name a file; ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} is not one.`);
    if (st.size > MAX_DEFINITION_BYTES)
        refuse(`must be at most 6 MB (API Gateway's import limit); ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} is ${(st.size / 1024 / 1024).toFixed(1)} MB.`);
    const body = readOr(file, () => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path));
    const { why, warnings } = notOpenApi(body.toString('utf8'));
    if (why)
        refuse(`must be an OpenAPI 2.0 or 3.0 definition in JSON or YAML; ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(file)} ${why}.`);
    const definition = {
        file,
        body,
        sha256: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(body).digest('hex'),
        mode: cfg.importMode,
        failOnWarnings: cfg.failOnWarnings,
        parameters: cfg.importParameters
    };
    return { definition, warnings };
}
/** PutRestApi; a refusal is a one-line error, before any deployment (the stage is untouched). */
async function importDefinition(ctx, d) {
    let warnings;
    try {
        ;
        ({ warnings } = await ctx.api.putRestApi(d));
    }
    catch (err) {
        // Only API Gateway's refusal of the definition is about the input; a timeout, a throttle or
        // denied credentials keep their own explanation.
        if (err.name !== 'BadRequestException')
            throw err;
        const why = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(err).replace(/\s*\n\s*/g, '; ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(NAME, `Input '${NAME}': API Gateway refused ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(d.file)} (${d.mode}): ${why}. Nothing was deployed; the stage is untouched.`);
    }
    for (const w of warnings)
        ctx.log.warning(`${d.file}: ${w}`, 'OpenAPI import warning');
}


/***/ })

};
