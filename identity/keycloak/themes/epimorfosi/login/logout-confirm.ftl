<#import "template.ftl" as layout>
<#import "govgr.ftl" as govgr>
<@layout.registrationLayout; section>
  <#if section = "header">
    ${msg("logoutConfirmTitle")}
  <#elseif section = "form">
    <p class="govgr-body">${msg("logoutConfirmHeader")}</p>
    <form id="kc-logout-confirm" action="${url.logoutConfirmAction}" method="post">
      <input type="hidden" name="session_code" value="${logoutConfirm.code}">
      <div class="epi-actions">
        <button type="submit" class="govgr-btn govgr-btn-primary" name="confirmLogout" id="kc-logout">${msg("doLogout")}</button>
      </div>
    </form>
    <#if !logoutConfirm.skipLink>
      <@govgr.backToApplication href=(client.baseUrl)!''/>
    </#if>
  </#if>
</@layout.registrationLayout>
