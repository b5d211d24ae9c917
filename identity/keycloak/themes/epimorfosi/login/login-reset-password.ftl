<#-- «Ξέχασα τον κωδικό πρόσβασης»: the registry e-mail, then «Συνέχεια» (seed 002, §4). -->
<#import "template.ftl" as layout>
<#import "govgr.ftl" as govgr>
<#assign invalid = messagesPerField.existsError('username')>
<@layout.registrationLayout displayMessage=!invalid; section>
  <#if section = "header">
    ${msg("emailForgotTitle")}
  <#elseif section = "form">
    <#assign usernameError = invalid?then(messagesPerField.get('username'), "")>
    <@govgr.errorSummary items=invalid?then([["username", usernameError]], [])/>
    <p class="govgr-body">${msg("emailInstruction")}</p>
    <form id="kc-reset-password-form" class="govgr-form" action="${url.loginAction}" method="post" novalidate>
      <@govgr.field id="username" label=msg(realm.registrationEmailAsUsername?then("email", "usernameOrEmail"))
                    type=realm.registrationEmailAsUsername?then("email", "text") value=(auth.attemptedUsername!'')
                    error=usernameError autocomplete="username" autofocus=true/>
      <div class="epi-actions">
        <button type="submit" class="govgr-btn govgr-btn-primary" id="kc-reset-submit">${msg("doContinue")}</button>
      </div>
    </form>
    <p class="govgr-body"><a class="govgr-link" id="kc-back-to-login" href="${url.loginUrl}">${msg("backToLogin")}</a></p>
  </#if>
</@layout.registrationLayout>
