<#-- The GOV.GR pieces the pages share: the same markup as the web client's macros/ui.html. -->

<#-- items: a sequence of [anchor, text]; an empty anchor gives a line without a link. -->
<#macro errorSummary items>
<#if items?has_content>
<div class="govgr-error-summary" role="alert" tabindex="-1" id="error-summary" data-testid="error-summary">
  <h2 class="govgr-heading-m">${msg("epiErrorSummaryTitle")}</h2>
  <ul class="govgr-list">
  <#list items as item>
    <li><#if item[0]?has_content><a class="govgr-link" href="#${item[0]}">${kcSanitize(item[1])?no_esc}</a><#else>${kcSanitize(item[1])?no_esc}</#if></li>
  </#list>
  </ul>
</div>
</#if>
</#macro>

<#macro field id label type="text" value="" error="" hint="" autocomplete="off" autofocus=false name=id>
<div class="govgr-field<#if error?has_content> govgr-field__error</#if>">
  <label class="govgr-label" for="${id}">
    <span>${label}</span>
    <#if hint?has_content><p class="govgr-hint" id="${id}-hint">${hint}</p></#if>
    <#if error?has_content><p class="govgr-error-message" id="${id}-error"><span class="govgr-visually-hidden">${msg("epiError")}:</span> ${kcSanitize(error)?no_esc}</p></#if>
  </label>
  <input class="govgr-input<#if error?has_content> govgr-error-input</#if>" id="${id}" name="${name}" type="${type}"
         value="${value}" autocomplete="${autocomplete}" dir="ltr"<#if autofocus> autofocus</#if>
         <#if error?has_content>aria-invalid="true" aria-describedby="${id}-error"<#elseif hint?has_content>aria-describedby="${id}-hint"</#if>>
</div>
</#macro>

<#macro button label name="" primary=true>
<button type="submit" class="govgr-btn ${primary?then('govgr-btn-primary', 'govgr-btn-secondary')}"<#if name?has_content> name="${name}" value="true"</#if>>${label}</button>
</#macro>

<#macro backToApplication href>
<#if href?has_content><p class="govgr-body"><a class="govgr-link" id="backToApplication" href="${href}">${msg("backToApplication")}</a></p></#if>
</#macro>
