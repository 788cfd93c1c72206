import { cues, phrase, wholeWords, oneWordReply, type Lexicon } from '../lexicon-parts.js';

/** French phrases for each intent, negation, offers and sentiment. */
export const fr: Lexicon = {
  cues: {
    demo_request: cues(
      [
        0.8,
        "(souhait|voudrions|voudrais|aimerions|aimerais|interess|besoin d|demande|demander|obtenir|organiser|planifier|programmer|reserver|prevoir|pourriez-vous|pouvez-vous|pourrions-nous|pouvons-nous|possible d'avoir|prolonger|activer|voir)~(demo|demonstration|essai|compte de test|acces de test|pilote|presentation (du|de votre) (produit|solution|outil))",
      ],
      [
        0.7,
        '(pourriez|pouvez|pourrions|pouvons)-(vous|nous)~(presenter|montrer|faire (une|la) (demo|demonstration))',
      ],
      [
        0.6,
        "essai gratuit|version d'essai|periode d'essai|tester (votre |la |le |vos |l')?(solution|produit|logiciel|plateforme|outil|application)|(tester|essayer)~gratuitement|(voir|tester) (l'outil|la solution|la plateforme|le produit|votre \\w+) en action",
      ],
      [0.55, '(demo|demonstration|essai)\\b≈\\?'],
    ),
    quote_request: cues(
      [
        0.8,
        '(envoyer|faire parvenir|transmettre|communiquer|obtenir|recevoir|etablir|faire|demande|demander|souhait|voudr|aimer|besoin|pourriez|pouvez|quel est|quels sont|quelle est|connaitre)~(devis|tarif|tarifs|tarification|prix|grille tarifaire|cotation|offre (commerciale|de prix|tarifaire)|proposition (commerciale|tarifaire)|couts?|remise)\\b',
      ],
      [
        0.85,
        'combien (coute|coutent|couterait|couteraient|ca coute|cela coute|faut-il compter)|combien~(compter|payer|budgeter)',
      ],
      [0.7, '(faire|etablir|envoyer|adresser)~une offre\\b'],
      [
        0.65,
        '(avez-vous|proposez-vous|existe-t-il|y a-t-il|offrez-vous)~(tarif|remise|reduction|prix|conditions)|quelles (conditions|remises)',
      ],
    ),
    complaint: cues(
      [
        0.75,
        "plainte|reclamation|deception|decu(e|s|es)?\\b|inacceptable|inadmissible|scandaleu|lamentable|mecontent|insatisfait|furieu|exaspere|agace|honteu|intolerable|deplorable|pas (du tout )?(satisfait|content)|service (client )?(deplorable|catastrophique|mediocre)|j'en ai assez|en avons assez|ras le bol|marre|chaotique",
      ],
      [
        0.5,
        '!ne (fonctionne|marche) (toujours |plus |toujours plus )?pas|en panne|defectueu|casse\\b|endommage|preleves? deux fois|facture(e|s)? deux fois|double facturation|mauvais(e)? (article|montant|facture|produit)|(montant|prix) (errone|incorrect|faux)|jamais (recu|arrive|livre)|toujours pas (recu|arrive|livre|de reponse|regle|resolu)|pas (encore )?(recu|ete livre)|indisponible|plante\\b|ont disparu',
      ],
      [
        0.5,
        "!toujours (en attente|sans reponse)|depuis (des |plusieurs |\\w+ )?(semaines|jours|mois)|attend\\w*~depuis|(troisieme|deuxieme|plusieurs|nouvelle) (fois|relance)|aucune reponse|sans (aucune )?reponse|personne ne (nous |m')?(a )?(repond|rappel)|pas la premiere fois",
      ],
      [
        0.7,
        '(exige|exigeons|demande|demandons|attends|attendons|reclame|reclamons)~(remboursement|dedommagement|geste commercial|indemnisation|avoir)',
      ],
    ),
    churn_risk: cues(
      [
        0.85,
        '(resilier|resiliation|annuler|annulation|mettre fin|arreter|cesser|terminer|fermer|cloturer)~(abonnement|contrat|compte|licences?|service|souscription|partenariat|collaboration|adhesion|formule)',
      ],
      [
        0.7,
        'resiliation|non[- ]renouvellement|preavis de (resiliation|depart)|\\bresili(er|ons|ez)\\b',
      ],
      [
        0.8,
        '!ne (pas|plus) (nous |le |la )?(renouveler|reconduire)|ne (renouvel|reconduir)\\w* pas|ne souhaitons pas (renouveler|reconduire|prolonger)',
      ],
      [
        0.7,
        "(passer|changer|migrer|partir|passons) (chez|vers|a|pour) (un )?(concurrent|autre (fournisseur|prestataire|solution|outil))|(choisi|opte pour|retenu)~(un autre|une autre) (prestataire|fournisseur|solution|outil|editeur)|chang(er|eons|ons) de (fournisseur|prestataire|solution|outil)|(etudions|regardons|evaluons|envisageons) (d'autres|des) (solutions|alternatives|fournisseurs|prestataires)",
      ],
      [0.7, '(arreter|cesser|mettre fin|interrompre|terminer)~(pilote|essai)'],
      [0.6, "!(n'avons|n'aurons) plus besoin|ne (l')?utilisons plus|plus besoin de"],
    ),
    unsubscribe: cues(
      [
        0.85,
        '(desabonner|desinscrire|desinscription|desabonnement|retirer|supprimer|radier|enlever|effacer|rayer)~(liste|diffusion|newsletter|mailing|base|fichier|adresse|contacts|envois|donnees)',
      ],
      [
        0.85,
        '(me|nous) (desabonner|desinscrire|retirer|supprimer|radier)|(supprimez|retirez|rayez|enlevez)-(moi|nous)',
      ],
      [
        0.85,
        "!ne (\\w+ )?plus (recevoir|me contacter|m'ecrire|m'envoyer|nous contacter|nous envoyer)|(arretez|cessez) de (m'|nous )(envoyer|ecrire|contacter|solliciter)|plus de (mails|e-mails|courriels|newsletters|messages)",
      ],
      [0.55, 'desabonn|desinscri'],
      oneWordReply('desabonnement|desinscription|desabonner|stop'),
    ),
    meeting_request: cues(
      [
        0.8,
        '(organis|planifi|fix|cal|prevoi|prevoy|programm|convenir d|report|decal|trouver un creneau pour|prendre|faire)\\w*~(rendez-vous|rdv|reunion|appel|call|visio|visioconference|entretien|point|echange|dejeuner|cafe|creneau|atelier|revue)',
      ],
      [
        0.8,
        '(etes-vous|seriez-vous|es-tu|seras-tu|serez-vous) (disponible|dispo|libre)|(quand|quel jour|quelle heure)~(etes-vous|seriez-vous|disponible|libre|vous conviendrait|vous arrange|vous convient)|(pourrions|pouvons|pourrait|peut|pourriez|pouvez)-(nous|on|vous) (nous )?(voir|rencontrer|parler|echanger|appeler|faire un point)',
      ],
      [
        0.7,
        '(souhait|aimer|voudr)\\w*~rencontrer|rendre visite|venir vous voir|passer vous voir|(auriez|avez)-vous~(minutes|temps|un moment)|(dejeunons|prenons un cafe|voyons-nous|retrouvons-nous)',
      ],
      [
        0.6,
        'vous (conviendr|convien|ir|arranger)\\w*|vos disponibilites|des creneaux|quelques creneaux|un creneau',
      ],
    ),
  },
  ignore: {
    demo_request: phrase(
      "(merci|remercions|remercie) (pour|de)~(demo|demonstration|presentation|essai)|(apres|depuis|pendant|suite a) (la|votre|notre|cette) (demo|demonstration|presentation|periode d'essai)|(demo|demonstration|presentation) (s'est|etait|a ete)|(arreter|cesser|mettre fin|interrompre|terminer)~(pilote|essai)",
    ),
    quote_request: phrase(
      '(merci|remercions) (pour|de)~(devis|offre|proposition)|(devis|offre|proposition)~(recu|accepte|valide|signe)',
    ),
    churn_risk: phrase('resiliable (a tout moment|sans frais)|conditions de resiliation'),
    meeting_request: phrase(
      '(merci|remercions) (pour|de)~(reunion|appel|echange|rendez-vous|temps)',
    ),
  },
  negation: wholeWords("ne|n'|pas|jamais|aucun|aucune|sans|ni"),
  offer: phrase(
    'souhaitez-vous|voulez-vous|seriez-vous interesse|aimeriez-vous|desirez-vous|puis-je vous (envoyer|proposer)',
  ),
  positive: phrase(
    'super\\b|excellent|genial|formidable|parfait|ravi|ravis|ravie|satisfait|content|impressionne|bravo|tres bien|tres bon|merveilleu|top\\b|bien passe|recommand|fluide',
    'g',
  ),
  negative: phrase(
    'pire|degrade|decu|deception|inacceptable|inadmissible|scandaleu|lamentable|mecontent|insatisfait|furieu|exaspere|agace|deplorable|catastroph|chaotique|ne fonctionne (toujours |plus )?pas|ne marche pas|mauvais|nul\\b|toujours pas|pas satisfait|en ai assez',
    'g',
  ),
};
