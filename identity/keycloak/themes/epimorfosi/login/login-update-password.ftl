<#-- New password (reset flow or required action), with the manual's rules shown (seed 002, §2). -->
<#import "template.ftl" as layout>
<#import "govgr.ftl" as govgr>
<#assign invalid = messagesPerField.existsError('password', 'password-confirm')>
<@layout.registrationLayout displayMessage=!invalid; section>
  <#if section = "header">
    ${msg("updatePasswordTitle")}
  <#elseif section = "form">
    <#assign passwordError = messagesPerField.get('password')!''>
    <#assign confirmError = messagesPerField.get('password-confirm')!''>
    <#assign lines = []>
    <#if passwordError?has_content><#assign lines += [["password-new", passwordError]]></#if>
    <#if confirmError?has_content><#assign lines += [["password-confirm", confirmError]]></#if>
    <@govgr.errorSummary items=lines/>
    <form id="kc-passwd-update-form" class="govgr-form" action="${url.loginAction}" method="post" novalidate>
      <@govgr.field id="password-new" label=msg("passwordNew") type="password" autocomplete="new-password"
                    hint=msg("epiPasswordRules") error=passwordError autofocus=true/>
      <@govgr.field id="password-confirm" label=msg("passwordConfirm") type="password" autocomplete="new-password"
                    error=confirmError/>
      <div class="govgr-field govgr-checkboxes">
        <div class="govgr-checkboxes__item">
          <label class="govgr-checkboxes__label">
            <input class="govgr-checkboxes__input" type="checkbox" id="logout-sessions" name="logout-sessions" value="on">
            ${msg("logoutOtherSessions")}
          </label>
        </div>
      </div>
      <div class="epi-actions">
        <button type="submit" class="govgr-btn govgr-btn-primary" name="login" id="kc-submit">${msg("epiChangePassword")}</button>
        <#if isAppInitiatedAction??>
          <@govgr.button label=msg("doCancel") name="cancel-aia" primary=false/>
        </#if>
      </div>
    </form>
  </#if>
</@layout.registrationLayout>
