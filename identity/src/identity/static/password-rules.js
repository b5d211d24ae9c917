// The password rules ticked as the person types (progressive enhancement: without JavaScript the
// list is plain text and the server checks the same rules). The rules are not repeated here: each
// <li data-pattern> carries the pattern identity's accounts/rules.py checks (PASSWORD_RULES).
(function () {
  "use strict";
  function update(list, value) {
    list.querySelectorAll("li[data-pattern]").forEach(function (item) {
      var met = new RegExp(item.getAttribute("data-pattern"), "u").test(value);
      item.classList.toggle("epi-rule--met", met);
      item.classList.toggle("epi-rule--unmet", value.length > 0 && !met);
      item.setAttribute("data-met", met ? "true" : "false");
      var state = item.querySelector(".epi-rule-state");
      if (state) { state.textContent = met ? " (ικανοποιείται)" : " (δεν ικανοποιείται)"; }
    });
  }
  document.querySelectorAll("[data-password-rules]").forEach(function (list) {
    var input = document.getElementById(list.getAttribute("data-password-rules"));
    if (!input) { return; }
    list.classList.add("epi-password-rules--live");
    input.addEventListener("input", function () { update(list, input.value); });
    update(list, input.value);
  });
})();
