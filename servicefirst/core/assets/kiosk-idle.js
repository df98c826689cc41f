// A kiosk in a public area goes back to its first screen after the idle time its script tag names.
(function () {
  var script = document.currentScript;
  var wait = Number(script.dataset.idleSeconds) * 1000;
  var start = script.dataset.resetUrl;
  var timer;
  function reset() {
    clearTimeout(timer);
    timer = setTimeout(function () { window.location.assign(start); }, wait);
  }
  ["pointerdown", "keydown", "input"].forEach(function (name) { document.addEventListener(name, reset, { passive: true }); });
  reset();
})();
