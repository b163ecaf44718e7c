// A field marked [data-select-on-focus] (a new link shown once) selects its text when focused.
document.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
  field.addEventListener("focus", function () { field.select(); });
});
