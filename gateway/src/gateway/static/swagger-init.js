// Starts Swagger UI with the configuration the gateway put into the page (no inline script).
window.addEventListener("load", function () {
  var config = JSON.parse(document.getElementById("swagger-config").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset];
  config.plugins = [SwaggerUIBundle.plugins.DownloadUrl];
  config.layout = "StandaloneLayout";
  window.ui = SwaggerUIBundle(config);
});
