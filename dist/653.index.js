export const id = 653;
export const ids = [653];
export const modules = {

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


/***/ }),

/***/ 8653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readTriageWithClients: () => (/* binding */ readTriageWithClients)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var dist_cjs = __webpack_require__(2684);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-xray/dist-cjs/index.js
var client_xray_dist_cjs = __webpack_require__(2065);
// EXTERNAL MODULE: ./src/aws/clients.ts
var aws_clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/deadline.ts
var aws_deadline = __webpack_require__(7969);
// EXTERNAL MODULE: ./src/aws/explain-error.ts
var explain_error = __webpack_require__(6221);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-api-gateway/dist-cjs/index.js
var client_api_gateway_dist_cjs = __webpack_require__(818);
// EXTERNAL MODULE: ./src/preflight/aws-dns.ts
var aws_dns = __webpack_require__(8884);
// EXTERNAL MODULE: ./src/analysis/investigation.ts
var investigation = __webpack_require__(4968);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/triage/decide.ts
var decide = __webpack_require__(1422);
;// CONCATENATED MODULE: ./src/triage/aws-reads.ts
/**
 * Triage's reads (docs/triage.md): the stage's logging settings, Logs
 * Insights queries over the canary's execution log group and the access logs,
 * and X-Ray's trace summaries of the stage's faults, all in parallel and all
 * bounded by one deadline. Anything denied, missing, failed or slow is a
 * section with one note; nothing here throws.
 */








/** How often a running query is asked for its results: soon at first, then every second. */
const pollMs = (i) => Math.min(1_000, 250 * 2 ** i);
/** X-Ray pages of trace summaries read at most. */
const MAX_TRACE_PAGES = 3;
/** A failed read as one section: denied (naming the IAM action), missing, slow, or failed. */
function sectionOf(source, err, deadline, action, missing) {
    const top = [];
    if (deadline.aborted)
        return { source, status: 'slow', note: 'no answer within the triage time budget', top };
    if ((0,aws_dns/* isAccessDenied */.w7)(err))
        return { source, status: 'denied', note: `not read: allow ${action} to see it here`, top };
    if ((0,explain_error/* isNotFound */.c4)(err))
        return { source, status: 'missing', note: missing, top };
    return { source, status: 'failed', note: `could not be read: ${(0,errors/* errorMessage */.gJ)(err)}`, top };
}
/**
 * One Logs Insights query, polled to its end; StopQuery when the deadline
 * comes first, unless the limit's `unless` aborted too (then nothing more is sent).
 */
async function runInsights(logs, q, { deadline, stopQuery }, sleep) {
    const started = await logs.send(new dist_cjs/* StartQueryCommand */.qbV({
        logGroupNames: q.groups,
        startTime: Math.floor(q.window.start.getTime() / 1000),
        endTime: Math.ceil(q.window.end.getTime() / 1000),
        queryString: q.query,
        limit: 10
    }), { abortSignal: deadline });
    const queryId = started?.queryId ?? '';
    try {
        for (let i = 0;; i++) {
            await sleep(pollMs(i), deadline);
            const r = await logs.send(new dist_cjs/* GetQueryResultsCommand */.sAK({ queryId }), { abortSignal: deadline });
            const status = r?.status ?? 'Unknown';
            if (status === 'Complete')
                return (r?.results ?? []).map((fields) => Object.fromEntries(fields.map((f) => [f.field ?? '', f.value ?? ''])));
            if (!['Scheduled', 'Running'].includes(status))
                return { failed: `the query ended ${status}` };
        }
    }
    catch (err) {
        // Out of time, or a read failed: stop the query (Logs Insights bills per GB scanned), waiting
        // briefly; never once the runner's second signal came.
        if (queryId && !stopQuery.unless?.aborted) {
            const limit = AbortSignal.timeout(stopQuery.withinMs);
            await logs
                .send(new dist_cjs/* StopQueryCommand */.MN0({ queryId }), {
                abortSignal: stopQuery.unless ? AbortSignal.any([limit, stopQuery.unless]) : limit
            })
                .catch(() => undefined);
        }
        throw err;
    }
}
async function executionSection(c, q, loggingLevel, limits, sleep) {
    const { deadline } = limits;
    const source = 'execution-logs';
    if (loggingLevel !== 'ERROR' && loggingLevel !== 'INFO')
        return { source, status: 'off', note: 'execution logging is off on the stage', top: [] };
    const group = (0,investigation/* canaryLogGroup */.mm)(q.restApiId, q.stage);
    try {
        const rows = await runInsights(c.logs, { groups: [group], query: decide/* EXECUTION_QUERY */._t, window: q.window }, limits, sleep);
        if ('failed' in rows)
            return { source, status: 'failed', note: rows.failed, top: [] };
        const top = (0,decide/* topFromExecution */.c_)(rows);
        return top.length
            ? { source, status: 'found', top }
            : { source, status: 'empty', note: `no failed request in ${group}`, top };
    }
    catch (err) {
        return sectionOf(source, err, deadline, 'logs:StartQuery and logs:GetQueryResults', `no log group ${group} yet`);
    }
}
async function accessSection(c, q, settings, limits, sleep) {
    const { deadline } = limits;
    const source = 'access-logs';
    const group = (0,decide/* logGroupOf */.Ze)(settings?.destinationArn);
    if (!group)
        return {
            source,
            status: 'off',
            note: 'no CloudWatch Logs access logging on the stage',
            top: []
        };
    const keys = (0,decide/* accessLogKeys */.VN)(settings?.format);
    if (!keys)
        return {
            source,
            status: 'off',
            note: 'the access-log format is not JSON with $context.isCanaryRequest and $context.status',
            top: []
        };
    const query = (0,decide/* accessQuery */.b$)(keys);
    // Canary requests' access logs go to the group with /Canary appended; either may not exist.
    const tries = [[group, `${group}/Canary`], [`${group}/Canary`], [group]];
    let last;
    for (const groups of tries) {
        try {
            const rows = await runInsights(c.logs, { groups, query, window: q.window }, limits, sleep);
            if ('failed' in rows)
                return { source, status: 'failed', note: rows.failed, top: [] };
            const top = (0,decide/* topFromAccess */.Uk)(rows, keys);
            return top.length
                ? { source, status: 'found', top }
                : {
                    source,
                    status: 'empty',
                    note: `no canary request answered 4XX or 5XX in ${groups.join(', ')}`,
                    top
                };
        }
        catch (err) {
            last = err;
            if (!(0,explain_error/* isNotFound */.c4)(err))
                break;
        }
    }
    return sectionOf(source, last, deadline, 'logs:StartQuery and logs:GetQueryResults', `no log group ${group} yet`);
}
async function xraySection(c, q, deadline) {
    const source = 'x-ray';
    try {
        const apiName = q.apiName ??
            (await c.apigateway.send(new client_api_gateway_dist_cjs/* GetRestApiCommand */.Wy4({ restApiId: q.restApiId }), {
                abortSignal: deadline
            }))?.name ??
            q.restApiId;
        const traces = [];
        let NextToken;
        for (let page = 0; page < MAX_TRACE_PAGES; page++) {
            const r = await c.xray.send(new client_xray_dist_cjs/* GetTraceSummariesCommand */.R8D({
                StartTime: q.window.start,
                EndTime: q.window.end,
                Sampling: false,
                FilterExpression: (0,decide/* faultFilter */.VA)(apiName, q.stage),
                ...(NextToken ? { NextToken } : {})
            }), { abortSignal: deadline });
            for (const t of r?.TraceSummaries ?? []) {
                traces.push({
                    id: t.Id ?? '',
                    ...(t.Http?.HttpStatus !== undefined ? { status: t.Http.HttpStatus } : {}),
                    causes: (t.FaultRootCauses ?? []).flatMap((rc) => (rc.Services ?? []).map((s) => {
                        const e = [...(s.EntityPath ?? [])].reverse().find((p) => p.Exceptions?.length)
                            ?.Exceptions?.[0];
                        const exception = e ? [e.Name, e.Message].filter(Boolean).join(': ') : undefined;
                        return { service: s.Name ?? s.Names?.[0] ?? '?', ...(exception ? { exception } : {}) };
                    }))
                });
            }
            NextToken = r?.NextToken;
            if (!NextToken)
                break;
        }
        const top = (0,decide/* topFaults */.Rm)(traces);
        return top.length
            ? { source, status: 'found', top }
            : {
                source,
                status: 'empty',
                note: `no trace with a fault through ${apiName}/${q.stage}`,
                top
            };
    }
    catch (err) {
        return sectionOf(source, err, deadline, 'xray:GetTraceSummaries', 'no traces');
    }
}
/**
 * Every triage read, bounded by `limits.deadline` (a query still running then
 * is stopped within `limits.stopQuery`); the sections in the order they show.
 */
async function readTriage(c, q, limits, sleep) {
    const { deadline } = limits;
    const window = { start: q.window.start.toISOString(), end: q.window.end.toISOString() };
    let stage;
    try {
        stage = await c.apigateway.send(new client_api_gateway_dist_cjs/* GetStageCommand */.aOX({ restApiId: q.restApiId, stageName: q.stage }), { abortSignal: deadline });
    }
    catch (err) {
        const s = sectionOf('execution-logs', err, deadline, 'apigateway:GET on the stage', 'no stage');
        return { window, sections: [{ ...s, note: `the stage's log settings ${s.note ?? ''}`.trim() }] };
    }
    const level = stage?.methodSettings?.['*/*']?.loggingLevel ?? 'OFF';
    const sections = await Promise.all([
        executionSection(c, q, level, limits, sleep),
        accessSection(c, q, stage?.accessLogSettings, limits, sleep),
        stage?.tracingEnabled
            ? xraySection(c, q, deadline)
            : Promise.resolve({
                source: 'x-ray',
                status: 'off',
                note: 'tracing is off on the stage',
                top: []
            })
    ]);
    return { window, sections };
}

;// CONCATENATED MODULE: ./src/triage/aws-client.ts
/**
 * Triage's Logs and X-Ray clients, made when triage runs (after a rollback
 * only), so that no other step pays for loading those SDKs at start-up.
 */






async function readTriageWithClients(clients, options, q, deadline, stopQuery, sleep, log) {
    // One attempt each: the budget is short, and a retry would only wait longer.
    const once = { ...options.sdk, maxAttempts: 1 };
    const logs = (0,aws_deadline/* boundCalls */.uw)(new dist_cjs/* CloudWatchLogsClient */.TFr(once), options.callMs, options.attemptMs);
    const xray = (0,aws_deadline/* boundCalls */.uw)(new client_xray_dist_cjs/* XRayClient */.QYJ(once), options.callMs, options.attemptMs);
    for (const c of [logs, xray]) {
        (0,explain_error/* tagOperations */.vr)(c);
        if (log)
            (0,aws_clients/* traceCalls */.dr)(c, log);
    }
    try {
        return await readTriage({ apigateway: clients.apigateway, logs, xray }, q, { deadline, stopQuery }, sleep);
    }
    finally {
        logs.destroy();
        xray.destroy();
    }
}


/***/ })

};
