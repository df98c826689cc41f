// The contact log's running call time, counted from the seconds already elapsed when the page was drawn.
(function () {
  var timer = document.getElementById("call-timer");
  if (!timer) return;
  var opened = Date.now() - Number(timer.dataset.elapsed) * 1000;
  function show() {
    var seconds = Math.floor((Date.now() - opened) / 1000);
    var minutes = Math.floor(seconds / 60);
    timer.textContent = minutes + ":" + String(seconds % 60).padStart(2, "0");
  }
  show();
  setInterval(show, 1000);
})();
