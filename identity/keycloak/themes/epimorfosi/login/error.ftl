<#import "template.ftl" as layout>
<#import "govgr.ftl" as govgr>
<@layout.registrationLayout displayMessage=false; section>
  <#if section = "header">
    ${msg("errorTitle")}
  <#elseif section = "form">
    <@govgr.errorSummary items=[["", message.summary]]/>
    <#if !skipLink??>
      <@govgr.backToApplication href=(client.baseUrl)!''/>
    </#if>
  </#if>
</@layout.registrationLayout>
