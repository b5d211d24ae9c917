<#-- Sign-in with e-mail (the username) and password, as in the e-IEP manual (seed 002, §3). -->
<#import "template.ftl" as layout>
<#import "govgr.ftl" as govgr>
<#assign failed = messagesPerField.existsError('username', 'password')>
<@layout.registrationLayout displayMessage=!failed; section>
  <#if section = "header">
    ${msg("loginAccountTitle")}
  <#elseif section = "form">
    <#if realm.password>
      <#assign failure = failed?then(messagesPerField.getFirstError('username', 'password'), "")>
      <@govgr.errorSummary items=failed?then([[(usernameHidden??)?then("password", "username"), failure]], [])/>
      <p class="govgr-body">${msg("epiLoginIntro")}</p>
      <form id="kc-form-login" class="govgr-form" action="${url.loginAction}" method="post" novalidate>
        <#if !usernameHidden??>
          <@govgr.field id="username" label=msg(realm.registrationEmailAsUsername?then("email", "usernameOrEmail"))
                        type=realm.registrationEmailAsUsername?then("email", "text") value=(login.username!'')
                        error=failure hint=msg("epiUsernameHint") autocomplete="username" autofocus=true/>
        </#if>
        <@govgr.field id="password" label=msg("password") type="password" autocomplete="current-password"
                      error=(usernameHidden??)?then(failure, "") autofocus=usernameHidden??/>
        <input type="hidden" id="id-hidden-input" name="credentialId" value="${(auth.selectedCredential)!''}">
        <div class="epi-actions">
          <button type="submit" class="govgr-btn govgr-btn-primary" name="login" id="kc-login">${msg("doLogIn")}</button>
        </div>
      </form>
      <#if realm.resetPasswordAllowed>
        <p class="govgr-body"><a class="govgr-link" id="kc-forgot-password" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></p>
      </#if>
      <#-- The manual's other buttons of the sign-in page: identity's own pages (seed 002 §2, §5, §6). -->
      <h2 class="govgr-heading-s">${msg("epiNoAccount")}</h2>
      <ul class="govgr-list" id="epi-identity-links">
        <li><a class="govgr-link" id="epi-register" href="${properties.epiIdentityUrl}/v1/gsis/start?purpose=registration">${msg("epiRegisterGsis")}</a></li>
        <li><a class="govgr-link" id="epi-forgot-email" href="${properties.epiIdentityUrl}/v1/gsis/start?purpose=forgot-email">${msg("epiForgotEmail")}</a></li>
        <li><a class="govgr-link" id="epi-support" href="${properties.epiIdentityUrl}/v1/support/new">${msg("epiSupport")}</a></li>
      </ul>
    </#if>
  </#if>
</@layout.registrationLayout>
