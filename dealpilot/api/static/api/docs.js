// Swagger UI for /api/v1/docs, from the settings the page carries (no inline script: CSP).
const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
settings.dom_id = "#swagger-ui";
settings.presets = [SwaggerUIBundle.presets.apis];
window.ui = SwaggerUIBundle(settings);
