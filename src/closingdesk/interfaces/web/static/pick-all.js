// Countersigning: the [data-pick-all] box ticks or clears every [data-pick] box.
(function () {
  var all = document.querySelector("[data-pick-all]");
  if (!all) return;
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-pick]"));
  all.addEventListener("change", function () { boxes.forEach(function (b) { b.checked = all.checked; }); });
  boxes.forEach(function (b) { b.addEventListener("change", function () {
    var on = boxes.filter(function (x) { return x.checked; }).length;
    all.checked = on === boxes.length; all.indeterminate = on > 0 && on < boxes.length;
  }); });
})();
