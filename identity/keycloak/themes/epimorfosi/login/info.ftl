<#import "template.ftl" as layout>
<#import "govgr.ftl" as govgr>
<@layout.registrationLayout displayMessage=false; section>
  <#if section = "header">
    <#if messageHeader??>${kcSanitize(msg("${messageHeader}"))?no_esc}<#else>${message.summary}</#if>
  <#elseif section = "form">
    <div id="kc-info-message">
      <p class="govgr-body">${message.summary}<#if requiredActions??><#list requiredActions>: <strong><#items as action>${kcSanitize(msg("requiredAction.${action}"))?no_esc}<#sep>, </#items></strong></#list></#if></p>
      <#if !skipLink??>
        <#if pageRedirectUri?has_content>
          <@govgr.backToApplication href=pageRedirectUri/>
        <#elseif actionUri?has_content>
          <p class="govgr-body"><a class="govgr-btn govgr-btn-primary" href="${actionUri}">${msg("proceedWithAction")}</a></p>
        <#else>
          <@govgr.backToApplication href=(client.baseUrl)!''/>
        </#if>
      </#if>
    </div>
  </#if>
</@layout.registrationLayout>
