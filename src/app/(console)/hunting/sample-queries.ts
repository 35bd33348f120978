/** Starting points an analyst can open and change, in the style of the queries Microsoft and the community publish. */
export const SAMPLE_QUERIES = [
  {
    name: "Automated remediation (seeds/004)",
    query: 'EmailPostDeliveryEvents\n| where ActionType == "Automated Remediation" and ActionTrigger == "Automation"',
  },
  {
    name: "Phish delivered in the last 7 days, by sender domain",
    query:
      'EmailEvents\n| where Timestamp > ago(7d)\n| where ThreatTypes has "Phish" and DeliveryAction == "Delivered"\n| summarize Messages = count(), Recipients = dcount(RecipientEmailAddress) by SenderFromDomain\n| top 20 by Messages\n| render columnchart',
  },
  {
    name: "Clicks on malicious URLs",
    query:
      'UrlClickEvents\n| where ThreatTypes has_any ("Phish", "Malware")\n| project Timestamp, AccountUpn, Url, ActionType, IsClickedThrough, NetworkMessageId\n| sort by Timestamp desc',
  },
  {
    name: "Messages per hour, last day",
    query:
      "EmailEvents\n| where Timestamp > ago(1d)\n| summarize Messages = count() by bin(Timestamp, 1h)\n| sort by Timestamp asc\n| render timechart",
  },
] as const;
