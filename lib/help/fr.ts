import type { HelpContent } from "./types";

/** Le centre d’aide en français : mêmes articles, sections et figures que en.ts. */
export const fr: HelpContent = {
  articles: {
    "basic-setup": {
      title: "Premiers réglages",
      description: "Ouvrir la Console d’administration, vérifier son rôle et sa formule, passer en revue les paramètres de l’organisation.",
      intro: [
        {
          kind: "paragraph",
          text: "Une organisation naît à l’inscription : la personne qui s’inscrit la crée et en devient Admin. Ce guide passe en revue ce qu’il faut vérifier en premier dans la Console d’administration.",
        },
      ],
      sections: [
        {
          id: "open-the-console",
          heading: "Ouvrir la Console d’administration",
          blocks: [
            { kind: "paragraph", text: "Vous avez deux chemins pour y arriver :" },
            {
              kind: "list",
              items: [
                "**Par la barre d’adresse** : ajoutez **/fr/admin** (ou **/en/admin** pour l’anglais) à l’adresse de votre console. Si vous n’êtes pas connecté, vous vous connectez d’abord, puis la console s’ouvre aussitôt.",
                "**Depuis Studio** : ouvrez le **Menu principal** (1), puis choisissez **Admin** (2).",
              ],
            },
            {
              kind: "figure",
              image: "studio-menu",
              alt: "Studio avec son menu principal ouvert : le bouton Menu principal porte le repère 1 et l’entrée Admin le repère 2.",
              caption: "Dans Studio, le menu principal (1) mène à la Console d’administration (2).",
            },
            {
              kind: "callout",
              tone: "tip",
              text: "L’essentiel des réglages se trouve dans la Console d’administration. Quelques fonctionnalités dépendent de la formule : les invitations, par exemple, sont comprises dans Team et Entreprise. Voir [Formules et fonctionnalités](/help/plans-and-features).",
            },
          ],
        },
        {
          id: "check-your-role",
          heading: "Vérifier votre rôle",
          blocks: [
            {
              kind: "paragraph",
              text: "La [vue d’ensemble](/admin) de la console affiche votre rôle. C’est lui qui détermine ce que vous pouvez modifier :",
            },
            {
              kind: "list",
              items: [
                "**Admin** : gère l’organisation — son nom, ses chats, ses membres et son journal d’audit.",
                "**Facturation** : un rôle qui s’ajoute à celui d’Admin ou de Membre et permet de choisir la formule, sur la page **Formules et facturation**.",
                "**Membre** : utilise Chat et Studio et gère son propre profil.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "La personne qui crée l’organisation est **Admin** et détient aussi le rôle **Facturation**.",
            },
            {
              kind: "callout",
              tone: "tip",
              text: "Chaque Membre peut ouvrir la Console d’administration pour ses propres réglages : nom, langue et mot de passe, sur la page [Profil](/admin/profile). Seuls les Admins modifient les paramètres de l’organisation. La liste complète figure dans [Rôles et autorisations](/help/roles-and-permissions).",
            },
          ],
        },
        {
          id: "check-your-plan",
          heading: "Savoir ce que comprend votre formule",
          blocks: [
            {
              kind: "paragraph",
              text: "Votre formule détermine les fonctionnalités dont dispose votre organisation ; la vue d’ensemble indique laquelle est la vôtre.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "Par exemple, pour inviter des personnes à rejoindre votre organisation, il faut la formule {plans:invitations}. Une personne qui a le rôle Facturation peut changer de formule.",
            },
            { kind: "paragraph", text: "Comparez le contenu de chaque formule dans [Formules et fonctionnalités](/help/plans-and-features)." },
          ],
        },
        {
          id: "organization-settings",
          heading: "Passer en revue les paramètres de l’organisation",
          blocks: [
            {
              kind: "paragraph",
              text: "Dans le menu de la console, choisissez **Organisation** (1). Cette page est réservée aux Admins ; elle montre le nom de l’organisation, son ID et son nombre de membres. Vous pouvez y :",
            },
            {
              kind: "figure",
              image: "console-organization-link",
              alt: "La Console d’administration, avec l’entrée Organisation de son menu marquée du repère 1.",
              caption: "L’entrée Organisation (1) du menu de la console.",
            },
            {
              kind: "list",
              items: [
                "**Renommer l’organisation.** Tout le monde voit le nouveau nom dans Chat et dans Studio.",
                "**Supprimer tous les chats** de l’organisation, pour repartir de zéro.",
                "**Supprimer l’organisation** quand plus personne n’en a besoin.",
              ],
            },
          ],
        },
        {
          id: "danger-zone",
          heading: "La zone de danger",
          blocks: [
            {
              kind: "paragraph",
              text: "La suppression de tous les chats et celle de l’organisation se trouvent en bas de la page, dans la **Zone de danger**, bordée de rouge. Avant que vous confirmiez, la page indique ce qui va disparaître, chiffres réels à l’appui. Pour confirmer, saisissez le nom exact de l’organisation ; la suppression de l’organisation demande en plus votre mot de passe.",
            },
            {
              kind: "figure",
              image: "organization-danger-zone",
              alt: "La zone de danger de la page Organisation : supprimer tous les chats, puis supprimer l’organisation, chaque action avec ce qu’elle efface et un champ pour le nom de l’organisation ; la suppression de l’organisation demande aussi un mot de passe.",
              caption: "La zone de danger, en bas de la page Organisation.",
            },
            {
              kind: "callout",
              tone: "warning",
              text: "La suppression de l’organisation est définitive : le compte de chaque membre et tous les chats disparaissent avec elle, sans retour possible. La suppression de tous les chats est, elle aussi, irréversible.",
            },
          ],
        },
        {
          id: "organization-id",
          heading: "L’ID de votre organisation",
          blocks: [
            {
              kind: "paragraph",
              text: "Votre organisation possède un ID, affiché sur la [vue d’ensemble](/admin) et sur la page [Organisation](/admin/organization). Il est unique et ne change jamais, même si vous renommez l’organisation.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "Servez-vous de cet ID pour désigner votre organisation dans l’API, et communiquez-le au support quand vous le contactez : c’est plus rapide et plus sûr que le nom.",
            },
          ],
        },
      ],
      next: [
        { slug: "authentication", text: "Les bases sont en place ? Voyez maintenant comment vos membres se connectent." },
        { slug: "roles-and-permissions", text: "Qui peut faire quoi, rôle par rôle." },
      ],
    },
    "roles-and-permissions": {
      title: "Rôles et autorisations",
      description: "Ce que peuvent faire dans la console les Admins, les Membres et les personnes qui ont le rôle Facturation.",
      intro: [
        {
          kind: "paragraph",
          text: "Chaque personne d’une organisation est soit **Admin**, soit **Membre**. Le rôle **Facturation** s’ajoute à l’un ou à l’autre. Le tableau de cette page est construit à partir des règles qu’applique la console : il dit donc toujours ce qu’elle permet réellement.",
        },
      ],
      sections: [
        {
          id: "the-roles",
          heading: "Les trois rôles",
          blocks: [
            {
              kind: "list",
              items: [
                "**Admin** fait tourner l’organisation : ses paramètres, ses membres et son journal d’audit.",
                "**Membre** utilise Chat et Studio et s’occupe de son propre profil.",
                "**Facturation** s’ajoute au rôle d’Admin ou de Membre et donne accès à la formule et à la facturation.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Les rôles se cumulent. Une personne qui a le rôle Facturation sans être Admin peut changer de formule, mais ni les paramètres de l’organisation ni ses membres.",
            },
            { kind: "callout", tone: "tip", text: "La personne qui crée l’organisation est Admin et détient le rôle Facturation." },
          ],
        },
        {
          id: "who-can-do-what",
          heading: "Qui peut faire quoi",
          blocks: [
            {
              kind: "paragraph",
              text: "Une coche signifie que le rôle autorise l’action. Certaines actions exigent aussi une formule qui les comprend : la dernière colonne indique lesquelles.",
            },
            { kind: "generated", table: "roles" },
          ],
        },
      ],
      next: [
        { slug: "plans-and-features", text: "Voir les fonctionnalités de chaque formule." },
        { slug: "basic-setup", text: "Revenir aux premiers pas dans la console." },
      ],
    },
    "plans-and-features": {
      title: "Formules et fonctionnalités",
      description: "Les fonctionnalités comprises dans les formules Gratuit, Pro, Team et Entreprise.",
      intro: [
        {
          kind: "paragraph",
          text: "Votre organisation a une seule formule à la fois. Le comparatif ci-dessous est construit à partir du tableau dont la console se sert pour ouvrir les fonctionnalités : les deux ne peuvent pas se contredire.",
        },
      ],
      sections: [
        {
          id: "compare-plans",
          heading: "Comparer les formules",
          blocks: [{ kind: "generated", table: "plans" }],
        },
        {
          id: "change-plan",
          heading: "Changer de formule",
          blocks: [
            {
              kind: "paragraph",
              text: "Seules les personnes qui ont le rôle **Facturation** voient et changent la formule, sur la page [Formules et facturation](/admin/billing) de la console. Si vous n’avez pas ce rôle, adressez-vous à quelqu’un qui l’a ; l’article [Rôles et autorisations](/help/roles-and-permissions) présente les rôles.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "Inviter des personnes demande la formule {plans:invitations} ; l’authentification unique SAML demande la formule {plans:ssoSaml}.",
            },
          ],
        },
      ],
      next: [{ slug: "roles-and-permissions", text: "Voir qui peut faire quoi dans la console." }],
    },
    authentication: {
      title: "Authentification",
      description: "Comment les membres se connectent, comment les personnes de votre domaine e-mail peuvent rejoindre l’organisation, et comment fonctionne l’authentification unique.",
      intro: [
        {
          kind: "paragraph",
          text: "Cet article explique comment on se connecte aujourd’hui à votre organisation et ce qu’apporte la page Authentification de la console, formule par formule.",
        },
      ],
      sections: [
        {
          id: "sign-in-today",
          heading: "Se connecter aujourd’hui : e-mail et mot de passe",
          blocks: [
            {
              kind: "paragraph",
              text: "Chaque membre se connecte sur la page de connexion avec son adresse e-mail et son mot de passe. Un mot de passe compte au moins 10 caractères.",
            },
            {
              kind: "list",
              items: [
                "Chacun change son propre mot de passe sur la page [Profil](/admin/profile), après avoir saisi l’actuel.",
                "En cas d’oubli, choisissez **Mot de passe oublié ?** sur la page de connexion : la console envoie par e-mail un lien, valable une fois pendant une heure, pour en choisir un nouveau. Le changer ainsi ferme toutes les sessions du compte.",
                "Après cinq échecs en 15 minutes, la connexion avec cette adresse e-mail est suspendue pendant 15 minutes, pour freiner qui tenterait de deviner.",
                "S’inscrire crée une nouvelle organisation. Pour rejoindre une organisation existante, il faut une invitation (formule {plans:invitations}) ou, si un Admin l’autorise, une adresse de l’un des domaines e-mail vérifiés de l’organisation.",
              ],
            },
          ],
        },
        {
          id: "sessions",
          heading: "Vos sessions : où vous êtes connecté",
          blocks: [
            {
              kind: "paragraph",
              text: "Chaque navigateur avec lequel vous vous connectez ouvre une session. Sous **Vos sessions**, sur la page [Profil](/admin/profile), chacune apparaît avec son navigateur et son système, l’adresse depuis laquelle elle s’est connectée et sa dernière utilisation ; celle où vous lisez ces lignes est marquée **Ce navigateur**.",
            },
            {
              kind: "list",
              items: [
                "**Déconnecter**, à côté d’une session, la ferme : ce navigateur arrive sur la page de connexion à son clic suivant. **Déconnecter toutes les autres sessions** ne garde que ce navigateur.",
                "Se déconnecter avec le bouton en haut de la console ferme la session pour de bon : une copie de son cookie n’ouvre plus rien.",
                "Changer votre mot de passe déconnecte toutes les autres sessions et garde celle-ci, et vous recevez un e-mail qui le signale.",
                "Une session inutilisée pendant 14 jours se ferme d’elle-même, et aucune ne dure plus de 90 jours : il suffit alors de se reconnecter.",
                "Sur la page [Membres](/admin/members), un Admin peut déconnecter une personne partout, par exemple après la perte d’un ordinateur ; la personne reçoit un e-mail. Être retiré, perdre un rôle, quitter l’organisation ou sa suppression ferment aussi les sessions concernées.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Les connexions et les échecs de connexion figurent dans le journal d’audit de l’organisation, avec l’adresse d’où ils viennent ; un mot de passe saisi n’est jamais enregistré.",
            },
          ],
        },
        {
          id: "coming-options",
          heading: "Rejoindre par domaine e-mail, et authentification unique",
          blocks: [
            {
              kind: "paragraph",
              text: "Sur la page [Authentification](/admin/authentication) de la console, un Admin prouve que l’organisation possède le domaine e-mail de ses membres : ajoutez le domaine, publiez dans son DNS l’enregistrement TXT qu’indique la page, puis choisissez **Vérifier**. Un domaine vérifié n’appartient qu’à une seule organisation, et la console contrôle de nouveau l’enregistrement chaque jour : s’il disparaît, les Admins voient un avertissement sur la page et reçoivent un e-mail. Après sept contrôles quotidiens de suite sans lui (réglage DOMAIN_RELEASE_AFTER_FAILED_CHECKS du serveur), le domaine est libéré : il n’appartient plus à l’organisation, l’authentification unique et l’adhésion par domaine e-mail ne s’appliquent plus à ses adresses, et une autre organisation peut le vérifier. Un Admin ne peut pas inviter une adresse d’un domaine qu’une autre organisation a vérifié.",
            },
            {
              kind: "figure",
              image: "authentication-domain",
              alt: "La carte Domaines de messagerie de la page Authentification : acme.example avec son statut, Vérifié, repéré 1, et la liste qui choisit qui peut rejoindre l’organisation avec une adresse de ce domaine, repérée 2.",
              caption: "Un domaine vérifié : son statut (1) et qui peut rejoindre l’organisation avec une adresse de ce domaine (2).",
            },
            {
              kind: "list",
              items: [
                "**Rejoindre par domaine e-mail**, avec la formule {plans:emailDomainSignIn} : une fois le domaine vérifié, un Admin choisit qui peut rejoindre l’organisation avec une adresse de ce domaine — personne (sur invitation seulement), toute personne qui en fait la demande après accord d’un Admin, ou toute personne aussitôt, comme Membre. Les demandes en attente apparaissent sur la page [Membres](/admin/members) (et sur la page Authentification), où un Admin approuve ou refuse chacune d’elles. Ces personnes se connectent ensuite avec leur e-mail et leur mot de passe, comme tout le monde.",
                "**Authentification unique SAML (SSO)**, avec la formule {plans:ssoSaml} : sur la page Authentification, un Admin colle les métadonnées XML du fournisseur d’identité — le plus simple : la console y lit l’ID d’entité, l’URL de connexion et les certificats de signature — ou saisit lui-même ces trois valeurs, et transmet à ce fournisseur l’ID d’entité et l’URL ACS de la console (ou son fichier de métadonnées). Les personnes d’un domaine vérifié choisissent alors **Se connecter par authentification unique (SSO)** sur la page de connexion et saisissent leur e-mail ; leur première connexion crée leur compte en tant que Membre. Un Admin peut rendre le SSO obligatoire pour un domaine ; les Admins gardent leur mot de passe pour pouvoir toujours revenir.",
              ],
            },
            {
              kind: "figure",
              image: "authentication-sso",
              alt: "La carte Authentification unique de la page Authentification : l’ID d’entité, l’URL ACS et le fichier de métadonnées de la console repérés 1, la zone où coller les métadonnées XML du fournisseur d’identité repérée 2 (les valeurs peuvent aussi être saisies à la main juste en dessous), et acme.example repéré 3, où l’authentification unique est obligatoire, avec le bouton qui la rend facultative.",
              caption: "Authentification unique : ce qu’il faut donner à votre fournisseur d’identité (1), où coller ses métadonnées (2), et un domaine où le SSO est obligatoire (3).",
            },
            {
              kind: "callout",
              tone: "tip",
              text: "Métadonnées collées : la console envoie les personnes au fournisseur d’identité en HTTP-POST, elle retient donc l’URL de connexion HTTP-POST des métadonnées ; des métadonnées qui ne proposent que HTTP-Redirect sont refusées. Quand le fournisseur d’identité indique deux certificats de signature, comme lors d’un changement de clé, les deux sont conservés et l’un comme l’autre peut signer ; les certificats expirés sont écartés. Par sécurité, la console refuse des métadonnées de plus de 256 Ko, celles qui contiennent une déclaration DOCTYPE ou ENTITY, et un fichier qui décrit plusieurs fournisseurs d’identité. Une fois l’enregistrement fait, la page affiche l’ID d’entité, l’URL de connexion et chaque certificat avec son empreinte et sa date d’expiration, à comparer avec le fournisseur d’identité.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "Personne ne rejoint l’organisation avec une adresse qui n’est pas la sienne : la console envoie d’abord un lien à l’adresse saisie à l’inscription, et la personne ne rejoint l’organisation (ou ne le demande) qu’en l’ouvrant dans les 24 heures. Choisissez l’accord d’un Admin si vous voulez en plus que chaque nouvel arrivant soit vérifié.",
            },
            {
              kind: "callout",
              tone: "note",
              text: "Si l’organisation quitte la formule {plans:ssoSaml}, l’authentification unique s’arrête et chacun se connecte de nouveau avec son mot de passe ; les comptes créés par authentification unique n’ont pas de mot de passe connu de leur titulaire : ces personnes en choisissent un avec **Mot de passe oublié ?** sur la page de connexion. En dessous de {plans:emailDomainSignIn}, plus personne ne rejoint l’organisation par domaine e-mail et les demandes en attente ne peuvent qu’être refusées. Rien n’est supprimé : les domaines, leurs réglages et ceux du fournisseur d’identité sont conservés et fonctionnent de nouveau après un passage à une formule supérieure. Avant le changement, sa confirmation indique quels domaines et combien de personnes et de demandes sont concernés.",
            },
          ],
        },
      ],
      next: [
        { slug: "basic-setup", text: "Revenir aux premiers pas dans la console." },
        { slug: "plans-and-features", text: "Comparer les formules avant de choisir." },
      ],
    },
    "two-step-sign-in": {
      title: "Connexion en deux étapes",
      description: "Ajoutez une application d’authentification à votre compte, gardez des codes de secours et exigez la connexion en deux étapes dans votre organisation.",
      intro: [
        {
          kind: "paragraph",
          text: "Avec la connexion en deux étapes, votre mot de passe ne suffit plus pour ouvrir votre compte : ensuite, la console demande un code à six chiffres d’une application de votre téléphone. Chacun peut l’activer pour son propre compte ; avec les formules {plans:twoStepPolicy}, un Admin peut l’exiger.",
        },
      ],
      sections: [
        {
          id: "set-up",
          heading: "L’activer avec une application d’authentification",
          blocks: [
            {
              kind: "list",
              ordered: true,
              items: [
                "Ouvrez votre [Profil](/admin/profile) et sélectionnez **Configurer la connexion en deux étapes**, puis **Ajouter une application d’authentification**.",
                "Scannez le code QR avec une application qui affiche des codes à six chiffres (Google Authenticator, Microsoft Authenticator, 1Password, Bitwarden, FreeOTP…). Si vous ne pouvez pas scanner, saisissez dans l’application la clé affichée sous le code.",
                "Saisissez le code affiché par l’application et sélectionnez **Activer la connexion en deux étapes**.",
                "Enregistrez tout de suite les dix codes de secours : ils ne sont affichés qu’une fois.",
              ],
            },
            {
              kind: "figure",
              image: "two-step-setup",
              alt: "La page de connexion en deux étapes pendant l’ajout d’une application d’authentification : le code QR est marqué 1, la clé à saisir à la main 2, et le champ du premier code 3.",
              caption: "Scannez le code QR (1) ou saisissez la clé (2), puis le premier code affiché par l’application (3).",
            },
            {
              kind: "callout",
              tone: "note",
              text: "La console conserve la clé de l’application chiffrée, et seulement une empreinte de chaque code de secours. Vous recevez un e-mail chaque fois que la connexion en deux étapes est activée ou désactivée, ou que de nouveaux codes de secours sont générés.",
            },
          ],
        },
        {
          id: "signing-in",
          heading: "Se connecter",
          blocks: [
            {
              kind: "paragraph",
              text: "Saisissez votre e-mail et votre mot de passe comme d’habitude ; une deuxième page demande le code de votre application. Chaque code ne sert qu’une fois. Téléphone perdu ? Ouvrez **Téléphone perdu ? Utilisez un code de secours** et saisissez l’un de vos codes de secours : chacun ne sert qu’une fois, lui aussi. Après cinq codes erronés, la deuxième étape est suspendue pendant 15 minutes. Les deux moyens fonctionnent sans JavaScript.",
            },
            {
              kind: "paragraph",
              text: "Ni téléphone ni code de secours ? Un Admin de votre organisation peut réinitialiser votre connexion en deux étapes depuis la page [Membres](/admin/members) ; vous recevez alors un e-mail.",
            },
          ],
        },
        {
          id: "step-up",
          heading: "Confirmer votre identité avant une action sensible",
          blocks: [
            {
              kind: "paragraph",
              text: "Supprimer l’organisation, supprimer toutes les conversations et désactiver la connexion en deux étapes vous demandent de confirmer votre identité si votre dernière vérification date de plus de 10 minutes : un code de votre application (ou un code de secours), ou votre mot de passe si vous n’avez pas de deuxième étape.",
            },
          ],
        },
        {
          id: "organization-rule",
          heading: "L’exiger dans votre organisation",
          blocks: [
            {
              kind: "paragraph",
              text: "Avec les formules {plans:twoStepPolicy}, un Admin peut exiger la connexion en deux étapes sur la page [Authentification](/admin/authentication), pour les Admins seulement ou pour tout le monde, avec un délai de grâce de 0 à 30 jours. Avant l’enregistrement, la page indique combien de personnes ne l’ont pas encore.",
            },
            {
              kind: "list",
              items: [
                "Pendant le délai de grâce, les personnes qui ne l’ont pas voient un rappel et sont invitées à la configurer à la connexion.",
                "Ensuite, elles peuvent toujours se connecter, mais seulement pour la configurer : personne n’est bloqué.",
                "Les personnes qui se connectent par authentification unique en sont exemptées : leur fournisseur d’identité s’en charge.",
                "La page Membres indique qui l’a activée. Si l’organisation passe sous {plans:twoStepPolicy}, la règle est suspendue et conservée.",
                "Si le dernier Admin a perdu tous ses codes, l’opérateur du serveur lance **npm run admin:reset-two-step -- EMAIL** sur le serveur.",
              ],
            },
          ],
        },
      ],
      next: [
        { slug: "authentication", text: "Comment les personnes se connectent, rejoignent par domaine e-mail et utilisent l’authentification unique." },
        { slug: "roles-and-permissions", text: "Qui peut modifier quoi dans la console." },
      ],
    },
  },
  labels: {
    actions: {
      "console.open": "Ouvrir la Console d’administration",
      "profile.edit": "Modifier son profil, sa langue et son mot de passe",
      "chats.own": "Utiliser Chat et Studio avec ses propres chats",
      "help.read": "Lire le centre d’aide",
      "organization.leave": "Quitter l’organisation",
      "organization.rename": "Renommer l’organisation",
      "organization.purgeChats": "Supprimer tous les chats de l’organisation",
      "organization.delete": "Supprimer l’organisation",
      "members.view": "Voir les membres",
      "members.manage": "Changer les rôles des membres et retirer des membres",
      "members.invite": "Inviter des personnes",
      "members.signOut": "Déconnecter un membre partout",
      "audit.view": "Consulter le journal d’audit",
      "helpFeedback.view": "Voir les avis sur le centre d’aide",
      "authentication.manage": "Ouvrir la page Authentification",
      "authentication.emailDomain": "Permettre de rejoindre l’organisation par domaine e-mail",
      "authentication.sso": "Configurer l’authentification unique SAML",
      "twoStep.own": "Configurer sa propre connexion en deux étapes",
      "twoStep.policy": "Exiger la connexion en deux étapes dans l’organisation",
      "twoStep.resetMember": "Réinitialiser la connexion en deux étapes d’un membre",
      "billing.view": "Voir la formule et la facturation",
      "billing.changePlan": "Changer de formule",
    },
  },
};
