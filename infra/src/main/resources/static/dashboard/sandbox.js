/* The pricing sandbox: the five figures for the inputs, and FP against CR for the same compute value. */
(function () {
  'use strict';
  const { getJson, start, chart } = window.Ctl;
  const form = document.getElementById('inputs');
  const FIGURES = ['computeValue', 'collateralValue', 'collateralizationRatio', 'riskPremium', 'finalPrice'];
  const CURVE_POINTS = 16;
  let pending = null;
  let asked = 0;

  function quote(parameters) {
    return getJson('/api/quote?' + new URLSearchParams(parameters));
  }

  /** FP at CR from 0 to a little past the larger of 1.2 and the current CR: the collateral value is varied. */
  async function curve(parameters, current) {
    const computeValue = Number(current.computeValue);
    const qubits = Math.max(1, Number(parameters.qubits));
    const highest = Math.max(1.2, Number(current.collateralizationRatio) * 1.2);
    const asks = [];
    for (let i = 0; i <= CURVE_POINTS; i++) {
      const ratio = highest * i / CURVE_POINTS;
      const qubitPrice = (ratio * computeValue / qubits).toFixed(6);
      asks.push(quote({ ...parameters, qubits: String(qubits), qubitPrice }));
    }
    return (await Promise.all(asks)).map(figures => ({
      x: Number(figures.collateralizationRatio), y: Number(figures.finalPrice),
      label: 'CR ' + figures.collateralizationRatio + ' → FP ' + figures.finalPrice }));
  }

  async function update() {
    const ask = ++asked;
    const parameters = Object.fromEntries(new FormData(form));
    const error = document.getElementById('error');
    try {
      const figures = await quote(parameters);
      if (ask !== asked) return;
      error.hidden = true;
      FIGURES.forEach(name => { document.getElementById(name).textContent = figures[name]; });
      const points = Number(figures.computeValue) > 0 ? await curve(parameters, figures) : [];
      if (ask !== asked) return;
      chart(document.getElementById('fp-chart'), points, {
        xLabel: 'collateralization ratio (CR)', yLabel: 'FP',
        current: { x: Number(figures.collateralizationRatio), y: Number(figures.finalPrice),
          label: 'these parameters: CR ' + figures.collateralizationRatio + ', FP ' + figures.finalPrice } });
    } catch (failure) {
      if (ask !== asked) return;
      FIGURES.forEach(name => { document.getElementById(name).textContent = '—'; });
      error.textContent = failure.message + (failure.code ? ' (' + failure.code + ')' : '');
      error.hidden = false;
    }
  }

  form.addEventListener('input', () => { clearTimeout(pending); pending = setTimeout(update, 250); });
  form.addEventListener('submit', event => { event.preventDefault(); update(); });
  start('/sandbox.html').then(update);
})();
