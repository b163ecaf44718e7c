// The dashboard's countdown to the close of business (#countdown, data-deadline).
(function () {
  var el = document.getElementById("countdown");
  if (!el) return;
  var deadline = Date.parse(el.getAttribute("data-deadline"));
  var units = [["year", 31536000], ["day", 86400], ["hour", 3600], ["minute", 60]];
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function span(s) {
    var parts = [];
    for (var i = 0; i < units.length && parts.length < 2; i++) {
      var n = Math.floor(s / units[i][1]);
      s -= n * units[i][1];
      if (n) parts.push(n + " " + units[i][0] + (n === 1 ? "" : "s"));
      if (parts.length && units[i][0] === "year") break;
    }
    return parts.length ? parts.join(" ") : s + (s === 1 ? " second" : " seconds");
  }
  function tick() {
    var left = Math.floor((deadline - Date.now()) / 1000);
    if (left <= 0) {
      el.textContent = "Closed " + span(-left) + " ago";
      el.className = "stat-value countdown closed";
      return;
    }
    var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600);
    var clock = pad(h) + ":" + pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60) + " left";
    el.textContent = (d ? d + "d " : "") + clock;
    el.className = "stat-value countdown" + (left < 3600 ? " soon" : "");
  }
  tick();
  setInterval(tick, 1000);
})();
