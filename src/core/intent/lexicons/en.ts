import { cues, phrase, wholeWords, oneWordReply, type Lexicon } from '../lexicon-parts.js';

/** English phrases for each intent, negation, offers and sentiment. */
export const en: Lexicon = {
  cues: {
    demo_request: cues(
      [
        0.8,
        '(request|schedule|book|arrange|set up|organi[sz]e|see|get|want|like|love|need|interested in|show (us|me)|walk (us|me) through|looking for|sign (us |me )?up for|start|activate|extend|access to|try|give (us|me))~(demo|demonstration|trial|walkthrough|walk-through|pilot|proof of concept|sandbox|test account|evaluation (account|licen[cs]e))\\b',
      ],
      [0.55, '(demo|demonstration|trial|walkthrough)\\b≈\\?'],
      [0.6, '(pilot|trial|demo|poc)\\b~\\b(possible|available|an option)\\b'],
      [
        0.6,
        'free (trial|version|tier|account|plan)|trial (version|account|licen[cs]e)|test drive|product tour|tour of (the|your) (product|platform|tool)|(can|could) (we|i) test\\b|walk (us|me) through (the|your) (product|platform|tool|software|solution)|(try|test) (out )?(it|the (product|software|platform|tool|solution)|your (product|software|platform|tool|solution))\\b|see (it|the \\w+|your \\w+) in action|see how (it|your \\w+) works',
      ],
    ),
    quote_request: cues(
      [
        0.8,
        "(send|get|need|request|share|provide|receive|like|want|prepare|interested in|looking for|give|know|ask(ing)? for|what (is|are|would be|'s)|could you|can you)~(quote|quotation|price list|pricing|prices?|costs?|estimate|proposal|rates|fees|offer)\\b",
      ],
      [
        0.85,
        'how much (does|do|is|would|will|for|are|we|i|it)\\b|what (does|do|would|will) (it|this|that|the \\w+|\\w+ \\w+) cost',
      ],
      [0.75, '(do|does) you (have|offer|provide)~(price list|pricing|prices|discounts?|quotes?)'],
      [
        0.6,
        '(volume|bulk|enterprise|nonprofit|non-profit|education(al)?|annual|special) (discount|pricing|licen[cs]ing|rates?)|(price|cost) (per|for each) (seat|user|licen[cs]e|month|year)|(discount|per (user|seat|licen[cs]e))~\\?',
      ],
    ),
    complaint: cues(
      [
        0.75,
        'disappointed|disappointing|unacceptable|frustrat(ed|ing)|annoyed|furious|outraged|fed up|unhappy|dissatisfied|terrible|awful|worst|(poor|bad|lousy) (service|support|quality)|appalling|ridiculous|complain(ing|t)?|formal complaint|shocking|a disgrace|not good enough|sick of|(a|an absolute) mess',
      ],
      [0.6, '!not (at all )?(happy|satisfied|pleased)'],
      [0.3, "!still (not|no|hasn't|haven't|broken|doesn't|isn't)"],
      [
        0.5,
        '!(been|still) waiting|waiting (for )?(\\w+ )?(weeks|days|months)|no (one|body) (has )?(replied|responded|answered|got back|gotten back|called)|nobody (has )?(replied|responded|answered|got back|gotten back|called)|(third|second|fourth|several|multiple) times?|again and again|for (weeks|days|months) now|no (reply|response|answer) (yet|so far)|zero (answers|replies|response)',
      ],
      [
        0.5,
        "!not working|(doesn't|does not|didn't|did not) work|stopped working|is broken|broke\\b|keeps crashing|crash(es|ed)?\\b|(charged|billed) (us |me )?twice|double charged|overcharged|(billed|charged) (us )?for \\d+|wrong (invoice|amount|order|item|product)|arrived damaged|damaged|never (arrived|received|delivered|showed up)|(has not|hasn't|have not|haven't) (arrived|been delivered|received)|(are|is) missing|outage|downtime|(was|is|went) down\\b|lost (a|an|the|our|all)? ?(full |whole |entire )?(day|week|data|emails)",
      ],
      [
        0.7,
        '(want|demand|expect|insist on|request|asking for)~(refund|money back|compensation|reimbursement)',
      ],
    ),
    churn_risk: cues(
      [
        0.85,
        '(cancel(l?ing)?|terminat(e|ing)|end(ing)?|discontinu(e|ing)|clos(e|ing)|stop(ping)?|not renew)~(subscription|contract|account|plan|membership|service|licen[cs]es?|seats|agreement|partnership|renewal)\\b',
      ],
      [
        0.8,
        "!(not|won't|will not|aren't|are not|don't|do not) (be )?(going to )?(auto-?)?renew(ing)?|non-renewal|(don't|do not) renew",
      ],
      [
        0.7,
        '(switch(ing)?|mov(e|ing)|migrat(e|ing)|go(ing)? with) (over )?to (a |another |an? other |a different )?(competitor|provider|vendor|supplier|solution|tool)|(decided|chose|chosen|selected|picked|opted|go|going|gone|went)~(another|a different|a competing|an alternative) (vendor|provider|supplier|solution|tool|platform)|(looking at|evaluating|considering|exploring) (alternatives|other (providers|vendors|solutions|tools|options)|competitors)|notice of (termination|cancellation)|termination notice|how (do|can) (i|we) cancel',
      ],
      [0.7, '(end|stop|cancel|terminate|close) (the|our|this) (pilot|trial)'],
      [0.6, '!no longer (need|use|require|want)'],
    ),
    unsubscribe: cues(
      [
        0.9,
        '(unsubscribe|remove|take|delete|drop) (me|us|my (e-?mail|address|details|name)|this (e-?mail|address))~\\b(from|off)\\b',
      ],
      [0.6, 'unsubscribe|opt (me |us )?out'],
      [
        0.9,
        "!(stop|quit) (sending|emailing|mailing|contacting|spamming) (me|us)|(don't|do not|never) (send|e-?mail|contact) (me|us)|(don't|do not|no longer) (want|wish) to (receive|get|hear)|no (more|further) (e-?mails|newsletters|messages|mailings|marketing)",
      ],
      [0.8, '(remove|delete|erase) (me|us|my (details|data|e-?mail|address))\\b'],
      oneWordReply('unsubscribe|stop|remove( me)?'),
    ),
    meeting_request: cues(
      [
        0.8,
        '(schedule|set up|arrange|book|organi[sz]e|plan|find (a )?time for|have|hop on|jump on|grab|reschedule|move|propose)~(meeting|call|video call|zoom|teams call|chat|catch-up|catch up|appointment|session|conversation|coffee|lunch|visit|review|qbr|kick-?off|workshop|check-in)\\b',
      ],
      [
        0.8,
        "(are you|would you be|will you be|is your team|are you both) (available|free)|(when|what time) (are|would|is|will) (you|it|your team) (be )?(available|free|convenient|good)|(can|could|shall) we (meet|talk|speak|connect)|let's (meet|talk|connect|catch up|set up|grab)|(does|would|do) (monday|tuesday|wednesday|thursday|friday|next week|tomorrow|the \\d+|\\d)~(work|suit)",
      ],
      [
        0.7,
        '(what|which) (dates?|days?|times?|slots?)~(work|suit|good|convenient)|(do|would) you have (\\d+ minutes|time|a moment)',
      ],
      [
        0.7,
        '(discuss|talk|go through|walk through)~(over|on|in) (a|the) (call|meeting|zoom|teams)|(good|best|convenient) time to (meet|talk|call|speak|connect)',
      ],
      [0.5, '(meet|meeting) (next|this|on) (week|monday|tuesday|wednesday|thursday|friday)'],
    ),
  },
  ignore: {
    demo_request: phrase(
      "(thanks?( you)?|grateful) for~(demo|trial|walkthrough)|(after|since|during|following|in|at) (the|your|our|yesterday's|today's|last week's) (demo|trial|walkthrough)|(demo|trial|walkthrough) (went|was|were|has been)|(end|stop|cancel|terminate|close)~(pilot|trial)",
    ),
    quote_request: phrase(
      '(thanks?( you)?) for (the|your)~(quote|quotation|offer|proposal|pricing)|(received|accept(ed)?|signed|approved) (the|your)~(quote|quotation|offer|proposal)',
    ),
    churn_risk: phrase('cancel(l?ed)? (at )?any ?time|cancell?ation (policy|terms)'),
    meeting_request: phrase(
      "(thanks?( you)?) for~(meeting|call|time|chat)|(after|since|following|during|in) (the|our|today's|yesterday's)~(meeting|call|chat)",
    ),
  },
  negation: wholeWords(
    "not|no|never|don't|dont|doesn't|didn't|won't|isn't|aren't|wouldn't|without|nor|neither",
  ),
  offer: phrase(
    'would you (like|want|be interested)|do you want|are you interested|shall i|should i|can i (send|offer|show|set)|may i',
  ),
  positive: phrase(
    'great|excellent|fantastic|amazing|wonderful|love(d)?\\b|happy|pleased|delighted|impressed|perfect(ly)?|brilliant|awesome|outstanding|superb|went well|well done|good job|really good|very good|satisfied|glad|thrilled|smooth(ly)?|very helpful|exceeded|recommend',
    'g',
  ),
  negative: phrase(
    "worse|gone downhill|deteriorat|disappointed|disappointing|unacceptable|frustrat(ed|ing)|annoyed|angry|furious|terrible|awful|horrible|worst|poor|bad\\b|useless|broken|unhappy|dissatisfied|ridiculous|appalling|upset|fed up|shocked|shocking|nightmare|waste|(not|isn't|wasn't) (good|great|happy|satisfied|ok)|does not work|doesn't work|not working|still waiting|complain|a mess|sloppy",
    'g',
  ),
};
