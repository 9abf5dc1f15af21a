export const id = 6;
export const ids = [6];
export const modules = {

/***/ 2006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   shift: () => (/* binding */ shift)
/* harmony export */ });
/* harmony import */ var _core_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4620);
/* harmony import */ var _recorded_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7020);
/* harmony import */ var _steps_bake_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6965);
/* harmony import */ var _core_stage_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(41);
/* harmony import */ var _respond_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5767);
/* harmony import */ var _steps_traffic_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2166);
/* harmony import */ var _steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4848);
/* harmony import */ var _steps_load_stage_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(468);








/**
 * Sets canary traffic. An increase needs this release's canary and is gated on
 * the alarms; a decrease never is (lowering any canary is the safe direction).
 */
async function shift(ctx) {
    await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_1__/* .recorded */ .t)(ctx, () => shiftSteps(ctx));
}
async function shiftSteps(ctx) {
    const { cfg, log } = ctx;
    // As ramp does: said at the start, before a job limit cuts the bake short.
    const tooLong = (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .jobLengthWarning */ .cd)([1], cfg.bakeTimeMs, 'single-bake');
    if (tooLong)
        log.warning(tooLong, 'Bake longer than a job');
    const state = await log.group('Read stage', () => (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_6__/* .loadStage */ .xk)(ctx));
    const canary = (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_6__/* .requireCanary */ .MH)(ctx, state);
    const from = canary.percent;
    const to = (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .shiftTarget */ .UW)(cfg.percent, from, cfg.steps);
    if (Math.abs(to - from) < 1e-9) {
        log.info(`Canary ${canary.deploymentId} is already at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .pct */ .Oe)(to)}: nothing to change.`);
        await (0,_steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_5__/* .readAlarmsForReport */ .aw)(ctx);
    }
    else {
        await log.group(`Shift ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .pct */ .Oe)(from)} → ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .pct */ .Oe)(to)}`, async () => {
            if (to > from) {
                (0,_steps_load_stage_js__WEBPACK_IMPORTED_MODULE_6__/* .requireOwnCanary */ .kZ)(ctx, canary, await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_1__/* .canaryCommit */ .y)(ctx, canary.deploymentId));
                await (0,_steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_5__/* .gate */ .Gj)(ctx, `the increase to ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .pct */ .Oe)(to)}`);
            }
            else
                log.info('A decrease is never gated.');
            await (0,_steps_traffic_js__WEBPACK_IMPORTED_MODULE_4__/* .setTraffic */ .oB)(ctx, to, 'shift', to > from ? 'traffic increased' : 'traffic decreased');
        });
        // After the change, for the report: the alarms' state beside the new traffic.
        if (to < from)
            await (0,_steps_alarm_gate_js__WEBPACK_IMPORTED_MODULE_5__/* .readAlarmsForReport */ .aw)(ctx);
    }
    if (cfg.bakeTimeMs > 0 && !cfg.dryRun) {
        const result = await log.group(`Bake at ${(0,_core_stage_js__WEBPACK_IMPORTED_MODULE_7__/* .pct */ .Oe)(to)}`, () => (0,_steps_bake_js__WEBPACK_IMPORTED_MODULE_2__/* .bake */ .W)(ctx, cfg.bakeTimeMs, to));
        await (0,_respond_js__WEBPACK_IMPORTED_MODULE_3__/* .respondToBake */ .G3)(ctx, result);
        // Nobody changed the canary while this step watched it (and the outputs tell the truth).
        await (0,_steps_traffic_js__WEBPACK_IMPORTED_MODULE_4__/* .checkNoConflict */ .uD)(ctx, { deploymentId: canary.deploymentId, percent: to });
    }
}


/***/ })

};
