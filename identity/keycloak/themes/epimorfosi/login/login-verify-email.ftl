<#import "template.ftl" as layout>
<#import "govgr.ftl" as govgr>
<@layout.registrationLayout; section>
  <#if section = "header">
    ${msg("emailVerifyTitle")}
  <#elseif section = "form">
    <p class="govgr-body"><#if verifyEmail??>${msg("emailVerifyInstruction1", verifyEmail)}<#else>${msg("emailVerifyInstruction4", user.email)}</#if></p>
    <#if isAppInitiatedAction??>
      <form id="kc-verify-email-form" action="${url.loginAction}" method="post">
        <div class="epi-actions">
          <@govgr.button label=msg(verifyEmail???then("emailVerifyResend", "emailVerifySend"))/>
          <@govgr.button label=msg("doCancel") name="cancel-aia" primary=false/>
        </div>
      </form>
    <#else>
      <p class="govgr-body">${msg("emailVerifyInstruction2")} <a class="govgr-link" href="${url.loginAction}">${msg("doClickHere")}</a> ${msg("emailVerifyInstruction3")}</p>
    </#if>
  </#if>
</@layout.registrationLayout>
