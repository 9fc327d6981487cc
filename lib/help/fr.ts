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
              text: "Servez-vous de cet ID pour désigner votre organisation dans l’[API](/help/api), et communiquez-le au support quand vous le contactez : c’est plus rapide et plus sûr que le nom.",
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
    api: {
      "title": "L’API d’administration",
      "description": "Automatisez l’administration de votre organisation avec une clé d’API : authentification, portées, erreurs, limites et exemples.",
      "intro": [
        {
          "kind": "paragraph",
          "text": "L’API d’administration permet à un script ou à un autre service de faire ce qu’un Admin fait dans la console : renommer l’organisation, gérer les membres et les invitations, vérifier des domaines, régler la conservation des conversations, exporter les données de l’organisation, lire et diffuser le journal d’audit, régler l’obligation de connexion en deux étapes. Elle répond en JSON sous **/api/v1** et applique exactement les mêmes règles que la console : une clé ne peut jamais faire plus que ce que ses portées et votre formule autorisent."
        }
      ],
      "sections": [
        {
          "id": "create-a-key",
          "heading": "Créer une clé",
          "blocks": [
            {
              "kind": "list",
              "ordered": true,
              "items": [
                "En tant qu’Admin, ouvrez [Clés d’API](/admin/api-keys) dans la console.",
                "Donnez à la clé un nom qui dit à quoi elle sert, cochez seulement les portées nécessaires et choisissez quand elle expire.",
                "Copiez le secret (il commence par **oc_**) tout de suite : il ne s’affiche qu’une fois. Nous n’en gardons qu’une empreinte.",
                "Si votre dernière connexion ou confirmation d’identité date de plus de 10 minutes, la page vous demande d’abord de confirmer votre identité, comme avant de supprimer les conversations."
              ]
            },
            {
              "kind": "callout",
              "tone": "warning",
              "text": "Une clé appartient à l’organisation, pas à la personne qui l’a créée : elle continue de fonctionner après son départ. Révoquez les clés inutiles ; la liste montre quand et d’où chacune a servi pour la dernière fois."
            }
          ]
        },
        {
          "id": "authentication",
          "heading": "Authentification",
          "blocks": [
            {
              "kind": "paragraph",
              "text": "Envoyez le secret dans l’en-tête **Authorization** de chaque requête. L’organisation est celle de la clé : aucune requête ne nomme d’identifiant d’organisation."
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/organization\""
            }
          ]
        },
        {
          "id": "scopes",
          "heading": "Portées",
          "blocks": [
            {
              "kind": "paragraph",
              "text": "Chaque portée accorde certaines des permissions décrites dans [rôles et permissions](/help/roles-and-permissions), et la formule s’applique toujours : inviter demande par exemple la formule {plans:invitations}, même avec **members:write**. Aucune portée n’atteint les formules, la facturation, les profils ni la connexion en deux étapes personnelle de quiconque ; les conversations ne sont atteintes que pour les supprimer (**organization:write**) ou les exporter (**organization:export**). **organization:delete** et **organization:export** ne sont jamais cochées d’office."
            },
            {
              "kind": "generated",
              "table": "scopes"
            }
          ]
        },
        {
          "id": "errors",
          "heading": "Erreurs",
          "blocks": [
            {
              "kind": "paragraph",
              "text": "Les erreurs sont des problèmes JSON (RFC 9457, type **application/problem+json**) avec un **type** et un **code** stables par erreur, et un **title** en français ou en anglais selon l’en-tête **Accept-Language** de la requête. Les champs invalides sont listés dans **errors**."
            },
            {
              "kind": "code",
              "language": "json",
              "code": "{\n  \"type\": \"tag:org-console.dev,2026:problems/forbidden\",\n  \"title\": \"This key’s scopes or the plan do not allow this\",\n  \"status\": 403,\n  \"code\": \"forbidden\"\n}"
            },
            {
              "kind": "list",
              "items": [
                "**400** : le corps n’est pas un objet JSON. **401** : pas de clé, ou une clé inconnue, révoquée ou expirée. **403** : les portées de la clé ou la formule ne le permettent pas.",
                "**404** : rien avec cet identifiant dans votre organisation. **409** : une règle s’y oppose, comme le dernier Admin, un autre export en cours ou déjà cinq destinations de diffusion. **410** : l’organisation a été supprimée, ou l’export a expiré.",
                "**413** : le corps est trop volumineux. **422** : champs invalides, ou Idempotency-Key réutilisée avec un autre corps. **429** : trop de requêtes."
              ]
            }
          ]
        },
        {
          "id": "limits",
          "heading": "Limites",
          "blocks": [
            {
              "kind": "list",
              "items": [
                "Chaque clé peut envoyer 600 requêtes par minute, comptées sur tous les serveurs. Chaque réponse porte **RateLimit-Limit**, **RateLimit-Remaining** et **RateLimit-Reset** ; une 429 indique aussi **Retry-After** en secondes.",
                "Les corps de requête sont limités à 16 Ko.",
                "Envoyez un en-tête **Idempotency-Key** avec un POST pour le réessayer sans risque : pendant 24 heures, la même clé et le même corps renvoient la première réponse au lieu d’agir à nouveau. Si la première requête n’est pas terminée quand une requête identique arrive, la seconde reçoit **409** avec `Retry-After: 1` ; réessayez-la et vous obtiendrez la première réponse.",
                "Les listes se parcourent avec **limit** (100 au plus) et le **nextCursor** de la réponse précédente, passé en **cursor**."
              ]
            }
          ]
        },
        {
          "id": "examples",
          "heading": "Exemples",
          "blocks": [
            {
              "kind": "paragraph",
              "text": "Renommer l’organisation (portée **organization:write**) :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X PATCH -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"name\": \"Acme Research\"}' \"$APP_URL/api/v1/organization\""
            },
            {
              "kind": "paragraph",
              "text": "Inviter quelqu’un, avec une nouvelle tentative sans risque (portée **members:write**, formule {plans:invitations}) :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" -H \"Idempotency-Key: invite-ada-2026-01\" \\\n  -d '{\"email\": \"ada@example.com\", \"role\": \"member\"}' \"$APP_URL/api/v1/invitations\""
            },
            {
              "kind": "paragraph",
              "text": "Chercher des membres par nom ou e-mail (portée **members:read**) :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/members?limit=50&query=ada\""
            },
            {
              "kind": "paragraph",
              "text": "Supprimer toutes les conversations, puis suivre la tâche (portée **organization:write** ; le corps reprend le nom exact de l’organisation) :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"confirmation\": \"Acme Research\"}' \"$APP_URL/api/v1/organization/chat-purge\"\n# then follow the job it answers:\ncurl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/jobs/<job id>\""
            },
            {
              "kind": "paragraph",
              "text": "Exporter le journal d’audit en CSV (portée **audit:read**) ; utilisez **format=ndjson** pour un événement JSON par ligne :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  \"$APP_URL/api/v1/audit-events/export?format=csv&since=2026-01-01T00:00:00Z\" -o audit.csv"
            },
            {
              "kind": "paragraph",
              "text": "Exporter les données de l’organisation, suivre l’export, puis télécharger le ZIP (portée **organization:export** ; seule la clé qui a lancé un export peut le suivre et le télécharger, pendant 24 heures) :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/exports\"\n# suivre jusqu’à ce que ready ne soit plus null :\ncurl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/exports/<export id>\"\ncurl -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/exports/<export id>/download\" -o export.zip"
            },
            {
              "kind": "paragraph",
              "text": "Supprimer les conversations inactives depuis 90 jours (formule {plans:chatRetention}, portée **organization:write** ; **null** désactive la règle) :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X PUT -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"days\": 90}' \"$APP_URL/api/v1/organization/retention\""
            },
            {
              "kind": "paragraph",
              "text": "Diffuser le journal d’audit vers votre SIEM (formule {plans:auditStreaming}, portée **audit:write**) : la réponse contient le secret de signature, affiché là seulement. Envoyez ensuite un événement de test :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"url\": \"https://siem.example.com/hooks/org-console\"}' \"$APP_URL/api/v1/audit-streams\"\ncurl -X POST -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \"$APP_URL/api/v1/audit-streams/<endpoint id>/test\""
            },
            {
              "kind": "paragraph",
              "text": "Exiger la connexion en deux étapes des Admins sous 7 jours (formule {plans:twoStepPolicy}, portée **domains:write**). Une clé n’atteint jamais les facteurs personnels de quiconque :"
            },
            {
              "kind": "code",
              "language": "shell",
              "code": "curl -X PUT -H \"Authorization: Bearer $ORG_CONSOLE_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{\"requiredFor\": \"admins\", \"graceDays\": 7}' \"$APP_URL/api/v1/organization/two-step-rule\""
            }
          ]
        },
        {
          "id": "reference",
          "heading": "Référence",
          "blocks": [
            {
              "kind": "generated",
              "table": "apiReference"
            }
          ]
        }
      ],
      "next": [
        {
          "slug": "roles-and-permissions",
          "text": "Ce que recouvre chaque permission, rôle par rôle."
        },
        {
          "slug": "basic-setup",
          "text": "Retour aux premiers pas dans la console."
        }
      ]
    },
    "audit-log": {
      title: "Journal d’audit",
      description: "Ce que le journal d’audit enregistre, comment prouver qu’il n’a pas été modifié, comment le diffuser vers vos systèmes et combien de temps il est conservé.",
      intro: [
        {
          kind: "paragraph",
          text: "Le [journal d’audit](/admin/audit) liste chaque modification faite dans votre organisation : qui a fait quoi, quand et d’où. Les Admins le consultent dans la console ; avec l’offre {plans:auditStreaming}, il peut aussi être envoyé au fil de l’eau à vos propres systèmes.",
        },
      ],
      sections: [
        {
          id: "what-is-recorded",
          heading: "Ce qui est enregistré",
          blocks: [
            {
              kind: "list",
              items: [
                "**Ce qui s’est passé** : l’organisation renommée, un rôle modifié, une invitation envoyée ou acceptée, une connexion, un changement d’offre, un domaine vérifié, etc., avec le détail (ancien et nouveau nom, ancien et nouveau rôle).",
                "**Qui l’a fait** : une personne, une clé d’API ou le système (les vérifications quotidiennes). Son nom et son adresse e-mail sont conservés tels qu’ils étaient à ce moment-là : supprimer ou renommer quelqu’un plus tard ne modifie aucun événement.",
                "**D’où** : l’adresse réseau de la requête et un court résumé du navigateur et du système (par exemple « Firefox sur macOS »), quand la modification vient d’un navigateur.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Personne ne modifie le journal : la base de données refuse de changer un événement, et les événements ne sont supprimés qu’avec l’organisation elle-même ou par la durée de conservation que vous choisissez.",
            },
          ],
        },
        {
          id: "verifying",
          heading: "Prouver que le journal n’a pas été modifié",
          blocks: [
            {
              kind: "paragraph",
              text: "Chaque événement porte un sceau calculé à partir de son contenu et du sceau de l’événement précédent, avec une clé que seul le serveur détient (jamais la base de données). Modifier, supprimer ou déplacer un événement casse tous les sceaux qui suivent, et une personne ayant seulement accès à la base de données ne peut pas en calculer de nouveaux.",
            },
            {
              kind: "paragraph",
              text: "Chaque jour, la console vérifie toute la chaîne ; la page du journal d’audit indique « Chaîne intacte, vérifiée le … ». Si une vérification échoue, chaque Admin reçoit un e-mail qui nomme le premier événement qui ne correspond pas.",
            },
            {
              kind: "paragraph",
              text: "La personne qui gère le serveur peut vérifier à tout moment avec la commande ci-dessous ; elle nomme le premier événement en échec et se termine par un code d’erreur s’il y en a un.",
            },
            { kind: "code", language: "shell", code: "npm run audit:verify\nnpm run audit:verify -- --organization <ID de l’organisation>" },
          ],
        },
        {
          id: "streaming",
          heading: "Diffuser les événements vers vos systèmes",
          blocks: [
            {
              kind: "paragraph",
              text: "Sur la page [Diffusion de l’audit](/admin/audit-streaming), un Admin ajoute une adresse https. Chaque nouvel événement y est alors envoyé en JSON par une requête POST, dans l’ordre du journal, signé selon le schéma Standard Webhooks : en-têtes **webhook-id**, **webhook-timestamp** et **webhook-signature**.",
            },
            {
              kind: "list",
              items: [
                "**Envoyer un événement de test** vérifie l’adresse immédiatement et affiche la réponse dans le journal des envois, avec sa latence.",
                "Si la destination échoue (pas de réponse en 10 secondes, ou un statut autre que 2xx), l’événement est renvoyé plus tard, à intervalles croissants, pendant 24 heures ; rien ne passe devant lui. Après 24 heures d’échecs, la destination est mise en pause et les Admins reçoivent un e-mail ; **Relancer** envoie ce qui attendait, du plus ancien au plus récent.",
                "**Renouveler le secret** crée un nouveau secret de signature ; l’ancien continue aussi de signer pendant 24 heures, pour que vous puissiez mettre à jour votre récepteur sans manquer de message.",
                "Par sécurité, la console n’envoie qu’à des adresses https publiques : aucun réseau interne ou privé, et elle ne suit jamais les redirections.",
              ],
            },
            {
              kind: "callout",
              tone: "note",
              text: "Passer sous l’offre {plans:auditStreaming} met les destinations en pause sans les supprimer : le changement d’offre le signale avant votre confirmation, et elles reprennent au retour.",
            },
          ],
        },
        {
          id: "receiver",
          heading: "Vérifier la signature dans votre récepteur",
          blocks: [
            {
              kind: "paragraph",
              text: "Utilisez une bibliothèque Standard Webhooks pour votre langage. En JavaScript, avec le paquet **standardwebhooks**, un récepteur vérifie chaque message ainsi ; répondez avec un statut 2xx une fois le message enregistré. Un message peut arriver deux fois (après une réponse perdue, par exemple) : l’en-tête **webhook-id** reste le même, gardez donc ceux que vous avez déjà vus.",
            },
            { kind: "code", language: "javascript", code: "import { Webhook } from \"standardwebhooks\";\n\n// Le secret de la destination, affiché une fois dans la console : « whsec_… »\nconst webhook = new Webhook(process.env.ORG_CONSOLE_SIGNING_SECRET);\nconst seen = new Set(); // en production, utilisez votre base de données\n\nexport async function POST(request) {\n  const body = await request.text(); // le corps brut, avant toute lecture JSON\n  let message;\n  try {\n    message = webhook.verify(body, Object.fromEntries(request.headers));\n  } catch {\n    return new Response(\"signature invalide\", { status: 400 });\n  }\n  const id = request.headers.get(\"webhook-id\"); // identique à chaque nouvel essai\n  if (!seen.has(id)) {\n    seen.add(id);\n    console.log(message.data.sequence, message.data.action, message.data.actor);\n  }\n  return new Response(null, { status: 204 });\n}" },
          ],
        },
        {
          id: "retention",
          heading: "Combien de temps les événements sont conservés",
          blocks: [
            {
              kind: "paragraph",
              text: "Les événements sont conservés tant que l’organisation existe. Avec l’offre {plans:auditRetention}, un Admin peut choisir de les garder un certain nombre de jours (30 au moins), sur la page du journal d’audit ; les événements plus anciens sont alors supprimés chaque jour, et la chaîne se vérifie toujours à partir du premier événement conservé. Les journaux d’envoi de la diffusion sont conservés 30 jours.",
            },
          ],
        },
      ],
      next: [
        { slug: "roles-and-permissions", text: "Voir qui peut consulter le journal d’audit et gérer la diffusion." },
        { slug: "plans-and-features", text: "Comparer les offres qui comprennent la diffusion et la conservation." },
      ],
    },
    "data-and-retention": {
      title: "Données et conservation",
      description: "Combien de temps les conversations sont conservées, comment tout exporter, et ce que la suppression efface.",
      intro: [
        {
          kind: "paragraph",
          text: "Rien ne disparaît par surprise dans votre organisation. Cette page explique la durée de conservation des conversations, l’export complet, et ce qu’effacent la purge des conversations et la suppression de l’organisation. Tout se trouve sur la page [Organisation](/admin/organization), réservée aux Admins.",
        },
      ],
      sections: [
        {
          id: "retention",
          heading: "Conservation des conversations",
          blocks: [
            {
              kind: "paragraph",
              text: "Avec la formule {plans:chatRetention}, un Admin peut choisir **Supprimer les conversations sans activité depuis un certain nombre de jours**, de 1 à 3 650 jours. Ce réglage est désactivé par défaut. Avant d’enregistrer, **Voir ce qui serait supprimé** indique combien de conversations et de messages le nouveau réglage effacerait aujourd’hui.",
            },
            {
              kind: "list",
              items: [
                "La règle est appliquée une fois par jour, en arrière-plan : les conversations dont la dernière activité dépasse la limite sont supprimées avec leurs messages, et le journal d’audit indique combien.",
                "Une durée plus courte s’applique au prochain passage quotidien, jamais au moment de l’enregistrement.",
                "Chaque membre voit la règle dans Chat : « Les conversations sont supprimées après N jours sans activité ».",
                "Si l’organisation passe en dessous de {plans:chatRetention}, la règle est conservée mais suspendue : rien n’est supprimé tant que la formule ne l’inclut pas de nouveau. Le changement de formule le signale avant confirmation.",
              ],
            },
          ],
        },
        {
          id: "export",
          heading: "Tout exporter",
          blocks: [
            {
              kind: "paragraph",
              text: "Quelle que soit la formule, un Admin peut cliquer sur **Tout télécharger**. La console prépare un fichier ZIP en arrière-plan, avec sa progression sur la page, le conserve 24 heures pour l’Admin qui l’a demandé, puis le supprime. La demande et le téléchargement sont inscrits au journal d’audit.",
            },
            {
              kind: "list",
              items: [
                "**organization.ndjson** : le nom, l’identifiant, la formule et la durée de conservation.",
                "**members.ndjson** : le nom, l’e-mail, la langue et les rôles de chaque membre — jamais de mot de passe, même chiffré.",
                "**chats.ndjson** et **messages.ndjson** : toutes les conversations et tous les messages.",
                "**invitations.ndjson** : les invitations et leur état — jamais les liens d’invitation.",
                "**audit-events.ndjson** : le journal d’audit. Un README dans l’archive décrit chaque fichier.",
              ],
            },
            { kind: "callout", tone: "tip", text: "Chaque ligne d’un fichier NDJSON est un objet JSON : n’importe quel outil peut lire les fichiers ligne par ligne, quelle que soit leur taille." },
          ],
        },
        {
          id: "deletion",
          heading: "Ce que la purge et la suppression effacent",
          blocks: [
            {
              kind: "paragraph",
              text: "**Supprimer toutes les conversations** efface chaque conversation et chaque message ; les membres restent. **Supprimer l’organisation** efface ses membres, ses conversations, ses invitations, ses réglages et son journal d’audit ; seul son identifiant est conservé, pour qu’il ne soit jamais réutilisé. La zone de danger propose **Télécharger d’abord une copie** à côté des deux. Chaque Admin reçoit un e-mail quand une purge ou une suppression est demandée et quand elle est terminée, et chaque membre quand l’organisation est supprimée.",
            },
          ],
        },
        {
          id: "grace-period",
          heading: "Délai de grâce avant suppression (serveurs auto-hébergés)",
          blocks: [
            {
              kind: "paragraph",
              text: "Par défaut, une suppression est immédiate et irréversible. La personne qui administre le serveur peut définir `ORGANIZATION_DELETION_GRACE_DAYS` en nombre de jours : une organisation supprimée est alors verrouillée aussitôt (tout le monde est déconnecté, personne ne peut se connecter) et chaque Admin reçoit un e-mail avec un lien à usage unique pour la restaurer, valable jusqu’à la fin de ce délai. À la fin du délai, la suppression a lieu comme d’habitude. La zone de danger indique le mode de votre serveur.",
            },
          ],
        },
      ],
      next: [
        { slug: "basic-setup", text: "Retour aux premiers pas dans la console." },
        { slug: "plans-and-features", text: "Voir quelles formules incluent la durée de conservation." },
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
      "organization.view": "Voir le nom, l’identifiant et la formule de l’organisation",
      "organization.rename": "Renommer l’organisation",
      "organization.purgeChats": "Supprimer tous les chats de l’organisation",
      "organization.delete": "Supprimer l’organisation",
      "members.view": "Voir les membres",
      "members.manage": "Changer les rôles des membres et retirer des membres",
      "members.invite": "Inviter des personnes",
      "members.signOut": "Déconnecter un membre partout",
      "audit.view": "Consulter le journal d’audit",
      "audit.stream": "Diffuser le journal d’audit vers des webhooks",
      "audit.retention": "Choisir la durée de conservation du journal d’audit",
      "helpFeedback.view": "Voir les avis sur le centre d’aide",
      "authentication.manage": "Ouvrir la page Authentification",
      "authentication.emailDomain": "Permettre de rejoindre l’organisation par domaine e-mail",
      "authentication.sso": "Configurer l’authentification unique SAML",
      "billing.view": "Voir la formule et la facturation",
      "billing.changePlan": "Changer de formule",
      "apiKeys.manage": "Créer et révoquer des clés d’API",
      "organization.export": "Exporter toutes les données de l’organisation",
      "organization.retention": "Définir la durée de conservation des conversations",
      "twoStep.own": "Configurer sa propre connexion en deux étapes",
      "twoStep.policy": "Exiger la connexion en deux étapes dans l’organisation",
      "twoStep.resetMember": "Réinitialiser la connexion en deux étapes d’un membre",
    },
  },
};
