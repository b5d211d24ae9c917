<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
  <#if section = "header">
    ${msg("pageExpiredTitle")}
  <#elseif section = "form">
    <ul class="govgr-list" id="instruction1">
      <li>${msg("pageExpiredMsg1")}: <a class="govgr-link" id="loginRestartLink" href="${url.loginRestartFlowUrl}">${msg("doClickHere")}</a></li>
      <li>${msg("pageExpiredMsg2")}: <a class="govgr-link" id="loginContinueLink" href="${url.loginAction}">${msg("doClickHere")}</a></li>
    </ul>
  </#if>
</@layout.registrationLayout>
