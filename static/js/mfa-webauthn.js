// Passkey pages: allauth's WebAuthn script (mfa/js/webauthn.js) only logs a failed or cancelled passkey step to the
// console; this shows why in the page's alert region (#webauthn-error, its texts translated in data attributes).
(function () {
  "use strict";
  document.addEventListener("allauth.error", function (event) {
    var region = document.getElementById("webauthn-error");
    if (!region) {
      return;
    }
    event.preventDefault();
    var exception = event.detail && event.detail.exception;
    var cancelled = exception && exception.name === "NotAllowedError";
    region.textContent = cancelled ? region.dataset.cancelled : region.dataset.failed;
    region.hidden = false;
  });
})();
