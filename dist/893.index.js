export const id = 893;
export const ids = [893,274];
export const modules = {

/***/ 3274:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lambdaClients: () => (/* binding */ lambdaClients),
/* harmony export */   readBackendsWithClients: () => (/* binding */ readBackendsWithClients)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1696);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(201);
/* harmony import */ var _aws_deadline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7969);
/* harmony import */ var _aws_explain_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6221);
/* harmony import */ var _aws_reads_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9864);
/**
 * Lambda clients for the backend check, one per region a function lives in,
 * made only when the check runs (preflight, or deploy after an import).
 */





/** A Lambda client per region, made on first use; `destroy` closes them all. */
function lambdaClients(options, log) {
    const made = new Map();
    return {
        lambdaIn(region) {
            let l = made.get(region);
            if (!l) {
                l = (0,_aws_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .boundCalls */ .uw)(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_4__/* .LambdaClient */ .Nox({ ...options.sdk, region }), options.callMs, options.attemptMs);
                (0,_aws_explain_error_js__WEBPACK_IMPORTED_MODULE_2__/* .tagOperations */ .vr)(l);
                if (log)
                    (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .traceCalls */ .dr)(l, log);
                made.set(region, l);
            }
            return l;
        },
        destroy: () => made.forEach((l) => l.destroy())
    };
}
async function readBackendsWithClients(clients, options, q, log) {
    const l = lambdaClients(options, log);
    try {
        return await (0,_aws_reads_js__WEBPACK_IMPORTED_MODULE_3__/* .readBackends */ .kd)(clients.apigateway, l.lambdaIn, q);
    }
    finally {
        l.destroy();
    }
}


/***/ }),

/***/ 9864:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kd: () => (/* binding */ readBackends)
/* harmony export */ });
/* unused harmony exports readIntegrations, readLambda */
/* harmony import */ var _aws_explain_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6221);
/* harmony import */ var _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(818);
/* harmony import */ var _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1696);
/* harmony import */ var _preflight_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2626);
/* harmony import */ var _preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8884);
/* harmony import */ var _targets_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9731);
/* harmony import */ var _aws_pages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(701);
/**
 * The backend check's reads (docs/preflight.md#7-backends): the API's
 * integrations (GetResources with its methods embedded, paged with a bound),
 * then per Lambda function the integrations name, the function, its alias or
 * version, and its resource policy. Never a write. A read the role may not
 * make is Denied, naming the IAM action; a missing resource is `missing`.
 */







/** GetResources pages of 500: an API has at most 300 resources by default. */
const MAX_PAGES = 20;
/** Functions whose reads (3 calls each) run at once. */
const LAMBDA_READS_AT_ONCE = 4;
/** Every method's integration of the API, as `deploy` snapshots it. */
async function readIntegrations(gw, restApiId, signal) {
    const out = [];
    // Through the shared bound: an API past it fails the read rather than pass on a partial check.
    await (0,_aws_pages_js__WEBPACK_IMPORTED_MODULE_2__/* .pages */ .Bd)('GetResources', async (position) => (await gw.send(new _aws_sdk_client_api_gateway__WEBPACK_IMPORTED_MODULE_3__/* .GetResourcesCommand */ .zR8({ restApiId, embed: ['methods'], limit: 500, position }), signal ? { abortSignal: signal } : {})) ?? {}, (r) => r.position, (r) => {
        for (const res of r.items ?? []) {
            for (const [method, m] of Object.entries(res.resourceMethods ?? {})) {
                const i = m.methodIntegration;
                if (!i?.type)
                    continue;
                out.push({
                    path: res.path ?? '/',
                    method: m.httpMethod ?? method,
                    type: i.type,
                    ...(i.uri ? { uri: i.uri } : {}),
                    ...(i.connectionType ? { connectionType: i.connectionType } : {}),
                    ...(i.connectionId ? { connectionId: i.connectionId } : {}),
                    ...(i.credentials ? { credentials: i.credentials } : {})
                });
            }
        }
    }, MAX_PAGES);
    return out;
}
/** Found, missing or denied: one Lambda read. */
async function probe(action, read) {
    const r = await (0,_preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__/* .orDenied */ .Ty)(action, async () => {
        try {
            await read();
            return 'found';
        }
        catch (err) {
            if ((0,_aws_explain_error_js__WEBPACK_IMPORTED_MODULE_0__/* .isNotFound */ .c4)(err))
                return 'missing';
            throw err;
        }
    });
    return r;
}
/** The function, its alias or version, and the qualified function's resource policy. */
async function readLambda(lambda, t) {
    const unqualified = t.arn.split(':').slice(0, 7).join(':');
    const fn = await (0,_preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__/* .orDenied */ .Ty)('lambda:GetFunction', async () => {
        try {
            const r = await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__/* .GetFunctionCommand */ .YF5({ FunctionName: unqualified }));
            return { arn: r?.Configuration?.FunctionArn ?? unqualified };
        }
        catch (err) {
            if ((0,_aws_explain_error_js__WEBPACK_IMPORTED_MODULE_0__/* .isNotFound */ .c4)(err))
                return 'missing';
            throw err;
        }
    });
    if (fn === 'missing' || (0,_preflight_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isDenied */ .GZ)(fn))
        return { fn, policy: [] };
    const q = t.qualifier;
    const qualifier = q === undefined
        ? undefined
        : /^\d+$/.test(q)
            ? await probe('lambda:GetFunction', () => lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__/* .GetFunctionCommand */ .YF5({ FunctionName: unqualified, Qualifier: q })))
            : await probe('lambda:GetAlias', () => lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__/* .GetAliasCommand */ .MES({ FunctionName: unqualified, Name: q })));
    if (qualifier === 'missing')
        return { fn, qualifier, policy: [] };
    const policy = await (0,_preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__/* .orDenied */ .Ty)('lambda:GetPolicy', async () => {
        try {
            const r = await lambda.send(new _aws_sdk_client_lambda__WEBPACK_IMPORTED_MODULE_5__/* .GetPolicyCommand */ .s4W({ FunctionName: unqualified, ...(q ? { Qualifier: q } : {}) }));
            const doc = JSON.parse(r?.Policy ?? '{}');
            const st = doc.Statement;
            return (Array.isArray(st) ? st : st ? [st] : []);
        }
        catch (err) {
            // No policy at all: nothing lets API Gateway in.
            if ((0,_aws_explain_error_js__WEBPACK_IMPORTED_MODULE_0__/* .isNotFound */ .c4)(err))
                return [];
            throw err;
        }
    });
    return { fn, ...(qualifier !== undefined ? { qualifier } : {}), policy };
}
/** Every read the backend check needs; `lambdaIn(region)` gives a Lambda client for a region. */
async function readBackends(gw, lambdaIn, q) {
    const integrations = await (0,_preflight_aws_dns_js__WEBPACK_IMPORTED_MODULE_4__/* .orDenied */ .Ty)('apigateway:GET on /restapis/*/resources', () => readIntegrations(gw, q.restApiId));
    const lambdas = {};
    if (!(0,_preflight_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isDenied */ .GZ)(integrations)) {
        const targets = new Map();
        for (const b of (0,_targets_js__WEBPACK_IMPORTED_MODULE_6__/* .backendsOf */ .dc)(integrations, q.stageVariables, q.overrides))
            for (const t of [b.stable, b.canary])
                if (t.kind === 'lambda')
                    targets.set(t.arn, t);
        // A few functions at a time: Lambda's control-plane reads are throttled per account.
        const all = [...targets.values()];
        for (let i = 0; i < all.length; i += LAMBDA_READS_AT_ONCE) {
            const batch = all.slice(i, i + LAMBDA_READS_AT_ONCE);
            const read = await Promise.all(batch.map((t) => readLambda(lambdaIn(t.region), t)));
            batch.forEach((t, k) => (lambdas[t.arn] = read[k]));
        }
    }
    return { integrations, stageVariables: q.stageVariables, overrides: q.overrides, lambdas };
}


/***/ }),

/***/ 6893:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readPreflightWithDns: () => (/* binding */ readPreflightWithDns)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-route-53/dist-cjs/index.js
var dist_cjs = __webpack_require__(8621);
// EXTERNAL MODULE: ./src/aws/clients.ts
var aws_clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/deadline.ts
var deadline = __webpack_require__(7969);
// EXTERNAL MODULE: ./src/aws/explain-error.ts
var explain_error = __webpack_require__(6221);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-api-gateway/dist-cjs/index.js
var client_api_gateway_dist_cjs = __webpack_require__(818);
// EXTERNAL MODULE: ./src/aws/canary-stage-dimension.ts
var canary_stage_dimension = __webpack_require__(8799);
// EXTERNAL MODULE: ./src/backend-check/aws-reads.ts
var aws_reads = __webpack_require__(9864);
// EXTERNAL MODULE: ./src/core/description.ts
var description = __webpack_require__(2817);
// EXTERNAL MODULE: ./src/core/not-found.ts
var not_found = __webpack_require__(9687);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var client_cloudwatch_dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./src/aws/pages.ts
var pages = __webpack_require__(701);
;// CONCATENATED MODULE: ./src/preflight/aws-alarms.ts
/**
 * The gating alarms with their metric details, for preflight: the named ones
 * (100 a call), those under the prefix, and the members of composites
 * (ChildrenOfAlarmName, then their details), every page.
 */


const TYPES = ['MetricAlarm', 'CompositeAlarm'];
/** Composites of composites: deeper nesting than this is not followed. */
const MAX_DEPTH = 4;
const metricInfo = (a) => ({
    type: 'metric',
    name: a.AlarmName ?? '',
    ...(a.Namespace !== undefined ? { namespace: a.Namespace } : {}),
    ...(a.MetricName !== undefined ? { metricName: a.MetricName } : {}),
    ...(a.Statistic !== undefined ? { statistic: a.Statistic } : {}),
    ...(a.ExtendedStatistic !== undefined ? { extendedStatistic: a.ExtendedStatistic } : {}),
    dimensions: (a.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
    ...(a.Period !== undefined ? { periodSeconds: a.Period } : {}),
    ...(a.EvaluationPeriods !== undefined ? { evaluationPeriods: a.EvaluationPeriods } : {}),
    ...(a.DatapointsToAlarm !== undefined ? { datapointsToAlarm: a.DatapointsToAlarm } : {}),
    ...(a.Threshold !== undefined ? { threshold: a.Threshold } : {}),
    ...(a.ComparisonOperator !== undefined ? { comparisonOperator: a.ComparisonOperator } : {}),
    ...((a.Metrics?.length ?? 0) > 0 ? { metricMath: true } : {})
});
const compositeInfo = (a) => ({
    type: 'composite',
    name: a.AlarmName ?? '',
    rule: a.AlarmRule ?? ''
});
async function describe(cw, input, out) {
    const names = [];
    await (0,pages/* pages */.Bd)('DescribeAlarms', async (token) => (await cw.send(new client_cloudwatch_dist_cjs/* DescribeAlarmsCommand */.zWD({ ...input, AlarmTypes: TYPES, NextToken: token }))) ?? {}, (r) => r.NextToken, (r) => {
        for (const a of r.MetricAlarms ?? [])
            if (a.AlarmName)
                out.set(a.AlarmName, metricInfo(a));
        for (const a of r.CompositeAlarms ?? [])
            if (a.AlarmName)
                out.set(a.AlarmName, compositeInfo(a));
        names.push(...[...(r.MetricAlarms ?? []), ...(r.CompositeAlarms ?? [])].flatMap((a) => a.AlarmName ?? []));
    });
    return names;
}
async function byNames(cw, names, out) {
    const batches = [];
    for (let i = 0; i < names.length; i += 100)
        batches.push(names.slice(i, i + 100));
    await Promise.all(batches.map((b) => describe(cw, { AlarmNames: b }, out)));
}
/** The members of a composite, by name (DescribeAlarms ChildrenOfAlarmName, which answers brief fields). */
async function children(cw, name) {
    const names = [];
    await (0,pages/* pages */.Bd)('DescribeAlarms', async (token) => (await cw.send(new client_cloudwatch_dist_cjs/* DescribeAlarmsCommand */.zWD({
        ChildrenOfAlarmName: name,
        AlarmTypes: TYPES,
        NextToken: token
    }))) ?? {}, (r) => r.NextToken, (r) => {
        for (const a of [...(r.MetricAlarms ?? []), ...(r.CompositeAlarms ?? [])])
            if (a.AlarmName)
                names.push(a.AlarmName);
    });
    return names;
}
async function readAlarmDetails(cw, q) {
    const all = new Map();
    const [, viaPrefix] = await Promise.all([
        byNames(cw, q.alarmNames, all),
        q.alarmNamePrefix !== undefined
            ? describe(cw, { AlarmNamePrefix: q.alarmNamePrefix }, all)
            : Promise.resolve([])
    ]);
    const gating = [...new Set([...q.alarmNames, ...viaPrefix])];
    let composites = [...all.values()].filter((a) => a.type === 'composite').map((a) => a.name);
    const seen = new Set(composites);
    for (let depth = 0; depth < MAX_DEPTH && composites.length > 0; depth++) {
        const members = (await Promise.all(composites.map((n) => children(cw, n)))).flat();
        const missing = [...new Set(members)].filter((n) => !all.has(n));
        await byNames(cw, missing, all);
        composites = missing.filter((n) => all.get(n)?.type === 'composite' && !seen.has(n));
        composites.forEach((n) => seen.add(n));
    }
    return { gating, all: [...all.values()] };
}

// EXTERNAL MODULE: ./src/preflight/aws-dns.ts
var aws_dns = __webpack_require__(8884);
;// CONCATENATED MODULE: ./src/preflight/aws-reads.ts
/**
 * The reads behind preflight (docs/preflight.md): few, paged, in parallel
 * where independent, and never a write. A read the role may not make becomes
 * the check's `skipped`, naming the IAM action; other errors fail the step as
 * any failed read does.
 */










function settingsOf(s) {
    const methodSettings = {};
    for (const [k, v] of Object.entries(s.methodSettings ?? {})) {
        methodSettings[k] = {
            ...(v.loggingLevel !== undefined ? { loggingLevel: v.loggingLevel } : {}),
            ...(v.metricsEnabled !== undefined ? { metricsEnabled: v.metricsEnabled } : {}),
            ...(v.dataTraceEnabled !== undefined ? { dataTraceEnabled: v.dataTraceEnabled } : {})
        };
    }
    const a = s.accessLogSettings;
    return {
        methodSettings,
        ...(a ? { accessLogSettings: { format: a.format, destinationArn: a.destinationArn } } : {}),
        tracingEnabled: s.tracingEnabled === true,
        tags: { ...s.tags }
    };
}
async function mappingsOf(c, domainName) {
    const out = [];
    await (0,pages/* pages */.Bd)('GetBasePathMappings', async (position) => (await c.send(new client_api_gateway_dist_cjs/* GetBasePathMappingsCommand */.zMO({ domainName, position, limit: 500 }))) ?? {}, (r) => r.position, (r) => {
        for (const m of r.items ?? []) {
            out.push({
                basePath: m.basePath ?? '(none)',
                restApiId: m.restApiId ?? '',
                ...(m.stage !== undefined ? { stage: m.stage } : {})
            });
        }
    });
    return out;
}
const domainOf = (d, mappings) => ({
    domainName: d.domainName ?? '',
    endpointType: d.endpointConfiguration?.types?.[0] ?? 'EDGE',
    domainNameStatus: d.domainNameStatus ?? 'AVAILABLE',
    ...(d.domainNameStatusMessage ? { domainNameStatusMessage: d.domainNameStatusMessage } : {}),
    ...(d.regionalDomainName ? { regionalDomainName: d.regionalDomainName } : {}),
    ...(d.regionalHostedZoneId ? { regionalHostedZoneId: d.regionalHostedZoneId } : {}),
    ...(d.distributionDomainName ? { distributionDomainName: d.distributionDomainName } : {}),
    mappings
});
/** The named domain (none when it does not exist), or every domain of the account, with their mappings. */
async function readDomains(c, named) {
    let found = [];
    if (named !== undefined) {
        try {
            const d = await c.send(new client_api_gateway_dist_cjs/* GetDomainNameCommand */.Bqv({ domainName: named }));
            if (d)
                found = [d];
        }
        catch (err) {
            if (!(0,explain_error/* isNotFound */.c4)(err))
                throw err;
        }
    }
    else {
        await (0,pages/* pages */.Bd)('GetDomainNames', async (position) => (await c.send(new client_api_gateway_dist_cjs/* GetDomainNamesCommand */.U_v({ position, limit: 500 }))) ?? {}, (r) => r.position, (r) => found.push(...(r.items ?? [])));
    }
    return Promise.all(found
        .filter((d) => d.domainName)
        .map(async (d) => domainOf(d, await mappingsOf(c, d.domainName))));
}
/** Every read preflight needs, as the checks take them. */
async function readPreflight(c, q) {
    const { apigateway: gw, cloudwatch: cw } = c;
    const ids = { restApiId: q.restApiId };
    const [api, stage, account, domains, alarms] = await Promise.all([
        (async () => {
            try {
                return (await gw.send(new client_api_gateway_dist_cjs/* GetRestApiCommand */.Wy4(ids))) ?? {};
            }
            catch (err) {
                if (!(0,explain_error/* isNotFound */.c4)(err))
                    throw err;
                throw new errors/* StateError */.qq((0,not_found/* apiNotFound */.YR)({ ...ids, region: await gw.config.region() }));
            }
        })(),
        (async () => {
            try {
                return await gw.send(new client_api_gateway_dist_cjs/* GetStageCommand */.aOX({ ...ids, stageName: q.stage }));
            }
            catch (err) {
                if ((0,explain_error/* isNotFound */.c4)(err))
                    return undefined;
                throw err;
            }
        })(),
        (0,aws_dns/* orDenied */.Ty)('apigateway:GET on /account', async () => {
            const a = (await gw.send(new client_api_gateway_dist_cjs/* GetAccountCommand */.rC_({}))) ?? {};
            return a.cloudwatchRoleArn ? { cloudwatchRoleArn: a.cloudwatchRoleArn } : {};
        }),
        (0,aws_dns/* orDenied */.Ty)('apigateway:GET on /domainnames', () => readDomains(gw, q.domainName)),
        (0,aws_dns/* orDenied */.Ty)('cloudwatch:DescribeAlarms', () => readAlarmDetails(cw, q))
    ]);
    const apiName = api.name ?? q.restApiId;
    const checked = Array.isArray(domains)
        ? domains.filter((d) => (q.domainName !== undefined && (0,aws_dns/* bare */.$B)(d.domainName) === (0,aws_dns/* bare */.$B)(q.domainName)) ||
            (q.domainName === undefined &&
                d.mappings.some((m) => m.restApiId === q.restApiId && (!m.stage || m.stage === q.stage))))
        : [];
    const lambdaIn = c.lambdaIn;
    const [records, canaryStage, canaryDescription, stageNames, backends] = await Promise.all([
        Promise.all(checked.map((d) => (0,aws_dns/* readRecords */.T3)(c.route53, q.hostedZoneId, d.domainName))),
        (0,canary_stage_dimension/* canaryStageDimension */.Z)(cw, apiName, q.stage, q.canaryMetricsStage).then((d) => d.canaryStage),
        (async () => {
            const id = stage?.canarySettings?.deploymentId;
            if (!id)
                return undefined;
            return (await gw.send(new client_api_gateway_dist_cjs/* GetDeploymentCommand */.Tvn({ ...ids, deploymentId: id })))?.description;
        })(),
        // A missing stage: which stages there are, so that preflight can name the one meant (a role
        // that may not list them only loses the hint).
        stage
            ? undefined
            : (async () => {
                try {
                    const r = await gw.send(new client_api_gateway_dist_cjs/* GetStagesCommand */.pY7(ids));
                    return (r?.item ?? []).flatMap((st) => (st.stageName ? [st.stageName] : []));
                }
                catch {
                    return undefined;
                }
            })(),
        lambdaIn && stage
            ? (0,aws_reads/* readBackends */.kd)(gw, lambdaIn, {
                restApiId: q.restApiId,
                stageVariables: stage.variables ?? {},
                overrides: q.overrides ?? stage.canarySettings?.stageVariableOverrides ?? {}
            })
            : undefined
    ]);
    const canary = stage?.canarySettings;
    const commit = (0,description/* commitOf */.D3)(canaryDescription)?.sha;
    return {
        api: { name: apiName, endpointTypes: api.endpointConfiguration?.types ?? ['EDGE'] },
        settings: stage ? settingsOf(stage) : undefined,
        current: stage
            ? {
                deploymentId: stage.deploymentId ?? '',
                ...(canary?.deploymentId
                    ? {
                        canary: {
                            deploymentId: canary.deploymentId,
                            percent: canary.percentTraffic ?? 0,
                            ...(commit ? { commit } : {})
                        }
                    }
                    : {})
            }
            : undefined,
        ...(stageNames ? { stageNames } : {}),
        account,
        domains,
        records: Object.fromEntries(checked.map((d, i) => [d.domainName, records[i]])),
        gatingAlarms: 'denied' in alarms ? q.alarmNames : alarms.gating,
        alarms: 'denied' in alarms ? alarms : alarms.all,
        canaryStage,
        ...(backends ? { backends } : {})
    };
}

// EXTERNAL MODULE: ./src/backend-check/aws-client.ts
var aws_client = __webpack_require__(3274);
;// CONCATENATED MODULE: ./src/preflight/aws-client.ts
/**
 * Preflight's reads with Route 53 and Lambda clients of their own. Loaded only when
 * preflight runs (deploy, ramp, the preflight command), so that no other step
 * pays for loading the Route 53 and Lambda SDKs at start-up.
 */






async function readPreflightWithDns(clients, options, q, log) {
    // Route 53 is global: its endpoint is in us-east-1. Without options (unit tests), no DNS check.
    const route53 = options
        ? (0,deadline/* boundCalls */.uw)(new dist_cjs/* Route53Client */.LhC({ ...options.sdk, region: 'us-east-1' }), options.callMs, options.attemptMs)
        : undefined;
    if (route53)
        (0,explain_error/* tagOperations */.vr)(route53);
    if (route53 && log)
        (0,aws_clients/* traceCalls */.dr)(route53, log);
    // A function may live in another region than the API: one Lambda client per region named.
    const lambdas = options ? (0,aws_client.lambdaClients)(options, log) : undefined;
    try {
        return await readPreflight({ ...clients, route53, lambdaIn: lambdas?.lambdaIn }, q);
    }
    finally {
        route53?.destroy();
        lambdas?.destroy();
    }
}


/***/ }),

/***/ 8884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $B: () => (/* binding */ bare),
/* harmony export */   T3: () => (/* binding */ readRecords),
/* harmony export */   Ty: () => (/* binding */ orDenied),
/* harmony export */   w7: () => (/* binding */ isAccessDenied)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8621);
/* harmony import */ var _aws_pages_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(701);
/** Preflight's Route 53 reads: the zone holding a custom domain, and its records for that name. */


const recordInfo = (s) => ({
    name: s.Name ?? '',
    type: s.Type ?? '',
    ...(s.SetIdentifier !== undefined ? { setIdentifier: s.SetIdentifier } : {}),
    ...(s.Weight !== undefined ? { weight: s.Weight } : {}),
    ...(s.TTL !== undefined ? { ttl: s.TTL } : {}),
    ...(s.ResourceRecords ? { values: s.ResourceRecords.map((v) => v.Value ?? '') } : {}),
    ...(s.AliasTarget
        ? {
            aliasTarget: {
                hostedZoneId: s.AliasTarget.HostedZoneId ?? '',
                dnsName: s.AliasTarget.DNSName ?? ''
            }
        }
        : {})
});
const isAccessDenied = (err) => {
    const e = err;
    return (e?.name === 'AccessDenied' ||
        e?.name === 'AccessDeniedException' ||
        e?.$metadata?.httpStatusCode === 403);
};
/** The read's answer, or Denied naming the IAM action when the role may not make it. */
async function orDenied(action, read) {
    try {
        return await read();
    }
    catch (err) {
        if (isAccessDenied(err))
            return { denied: action };
        throw err;
    }
}
const bare = (name) => name.toLowerCase().replace(/\.$/, '');
/** The public hosted zone that holds `domain`: the longest suffix with a zone of its own. */
async function zoneOf(r53, domain) {
    const labels = bare(domain).split('.');
    const suffixes = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
    const zones = await Promise.all(suffixes.map(async (s) => {
        const r = (await r53.send(new _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_0__/* .ListHostedZonesByNameCommand */ .agy({ DNSName: s, MaxItems: 1 }))) ?? {};
        const z = r.HostedZones?.[0];
        return z && bare(z.Name ?? '') === s && !z.Config?.PrivateZone ? z.Id : undefined;
    }));
    return zones.find((z) => z !== undefined)?.replace(/^\/hostedzone\//, '');
}
/** The records named `domain` in the zone, every page. */
async function recordsOf(r53, zoneId, domain) {
    const out = [];
    // Route 53's next page starts at a record (name, type, set identifier): that triple is the token.
    await (0,_aws_pages_js__WEBPACK_IMPORTED_MODULE_1__/* .pages */ .Bd)('ListResourceRecordSets', async (token) => {
        const next = token
            ? JSON.parse(token)
            : { name: domain };
        return ((await r53.send(new _aws_sdk_client_route_53__WEBPACK_IMPORTED_MODULE_0__/* .ListResourceRecordSetsCommand */ .IOz({
            HostedZoneId: zoneId,
            StartRecordName: next.name,
            StartRecordType: next.type,
            StartRecordIdentifier: next.id
        }))) ?? {});
    }, (r) => {
        const last = r.ResourceRecordSets?.at(-1);
        if (!r.IsTruncated || (last && bare(last.Name ?? '') !== bare(domain)))
            return undefined;
        return JSON.stringify({
            name: r.NextRecordName,
            type: r.NextRecordType,
            id: r.NextRecordIdentifier
        });
    }, (r) => {
        for (const s of r.ResourceRecordSets ?? []) {
            if (bare(s.Name ?? '') !== bare(domain))
                continue;
            out.push(recordInfo(s));
        }
    });
    return out;
}
async function readRecords(r53, zoneInput, domain) {
    if (!r53)
        return undefined;
    const zone = zoneInput
        ? zoneInput.replace(/^\/hostedzone\//, '')
        : await orDenied('route53:ListHostedZonesByName', () => zoneOf(r53, domain));
    if (zone === undefined || typeof zone !== 'string')
        return zone;
    return orDenied('route53:ListResourceRecordSets', () => recordsOf(r53, zone, domain));
}


/***/ })

};
